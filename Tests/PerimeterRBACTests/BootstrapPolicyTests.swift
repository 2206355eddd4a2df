import PerimeterModel
import Testing

@testable import PerimeterRBAC

/// Known answers on the real upstream bootstrap policy (../shared/data/k8s/bootstrap-rbac).
@Suite struct BootstrapPolicyTests {
    static let authorizer = RBACAuthorizer(snapshot: SharedData.bootstrap)

    func whoCan(_ verb: String, _ resource: String, namespace: String? = nil, name: String? = nil) -> [String] {
        subjects(
            Self.authorizer.whoCan(AccessRequest.parse(verb: verb, resource: resource, namespace: namespace, name: name, apiGroup: nil)))
    }

    @Test func everythingLoadsAndEveryRoleRefResolves() {
        #expect(Self.authorizer.roles.count == 76)
        #expect(Self.authorizer.bindings.count == 55)
        #expect(Self.authorizer.unresolvedBindings.isEmpty)
    }

    @Test func whoCanCreatePodsClusterWide() {
        #expect(
            whoCan("create", "pods") == [
                "Group:system:masters",
                "ServiceAccount:kube-system:daemon-set-controller", "ServiceAccount:kube-system:job-controller",
                "ServiceAccount:kube-system:persistent-volume-binder", "ServiceAccount:kube-system:replicaset-controller",
                "ServiceAccount:kube-system:replication-controller", "ServiceAccount:kube-system:statefulset-controller"
            ])
    }

    /// Controllers with `*` resources (garbage collector, namespace controller) reach nodes/proxy too;
    /// system:kubelet-api-admin has it but is bound to nobody by default.
    @Test func whoCanGetNodesProxy() {
        #expect(
            whoCan("get", "nodes/proxy") == [
                "Group:system:masters", "ServiceAccount:kube-system:generic-garbage-collector",
                "ServiceAccount:kube-system:namespace-controller", "ServiceAccount:kube-system:podcheckpoint-controller"
            ])
        // nodes are cluster-scoped: -n changes nothing.
        #expect(whoCan("get", "nodes/proxy", namespace: "default") == whoCan("get", "nodes/proxy"))
    }

    @Test func whoCanEscalate() {
        #expect(
            whoCan("escalate", "clusterroles") == ["Group:system:masters", "ServiceAccount:kube-system:clusterrole-aggregation-controller"])
        #expect(whoCan("escalate", "clusterroles.rbac.authorization.k8s.io") == whoCan("escalate", "clusterroles"))
    }

    @Test func whatTheSchedulerCanDo() {
        let scheduler = UserInfo.implied(by: .user("system:kube-scheduler"))
        #expect(scheduler.groups == ["system:authenticated"])
        func can(_ verb: String, _ resource: String, namespace: String? = nil, name: String? = nil) -> Bool {
            !Self.authorizer.authorize(
                scheduler, AccessRequest.parse(verb: verb, resource: resource, namespace: namespace, name: name, apiGroup: nil)
            ).isEmpty
        }
        #expect(can("create", "pods/binding", namespace: "default"))
        #expect(can("create", "bindings", namespace: "team-a"))
        #expect(can("list", "nodes"))
        #expect(can("update", "pods/status", namespace: "default"))
        #expect(can("watch", "statefulsets.apps"))
        #expect(can("list", "csinodes")) // storage.k8s.io found by name
        #expect(!can("get", "secrets", namespace: "kube-system"))
        #expect(!can("create", "pods", namespace: "default"))
        #expect(!can("update", "pods", namespace: "default"))
        // resourceNames: the scheduler may update only its own lease, and never a lease without a name.
        #expect(can("update", "leases", namespace: "default", name: "kube-scheduler"))
        #expect(!can("update", "leases", namespace: "default", name: "kube-controller-manager"))
        #expect(!can("update", "leases", namespace: "default"))
        // In kube-system the leader-locking Role (through a RoleBinding) allows any lease.
        #expect(can("update", "leases", namespace: "kube-system", name: "kube-controller-manager"))
        // Through system:authenticated: discovery and self reviews.
        #expect(can("get", "/apis/apps/v1"))
        #expect(can("create", "selfsubjectaccessreviews"))
        let grant = Self.authorizer.authorize(
            scheduler, AccessRequest.parse(verb: "create", resource: "pods/binding", namespace: "x", name: nil, apiGroup: nil))
        #expect(
            grant.first?.path
                == "ClusterRoleBinding/system:kube-scheduler → ClusterRole/system:kube-scheduler → verbs=[create] apiGroups=[\"\"] resources=[bindings,pods/binding]"
        )
        #expect(grant.first?.location?.file.hasSuffix("cluster-role-bindings.yaml") == true)
    }

    @Test func aggregatedRolesReachTheFixpoint() throws {
        let admin = try #require(Self.authorizer.role(named: "ClusterRole/admin"))
        let edit = try #require(Self.authorizer.role(named: "ClusterRole/edit"))
        let view = try #require(Self.authorizer.role(named: "ClusterRole/view"))
        // view ⊂ edit ⊂ admin through nested aggregation; the manifests hold `rules: null`.
        #expect(Self.authorizer.roles[admin].rules.isEmpty)
        let adminRules = Set(Self.authorizer.effectiveRules[admin])
        #expect(Set(Self.authorizer.effectiveRules[view]).isSubset(of: Set(Self.authorizer.effectiveRules[edit])))
        #expect(Set(Self.authorizer.effectiveRules[edit]).isSubset(of: adminRules))
        func allows(_ rules: [PolicyRule], _ verb: String, _ resource: String) -> Bool {
            rules.contains {
                RuleMatching.allows($0, AccessRequest.parse(verb: verb, resource: resource, namespace: "ns", name: nil, apiGroup: nil))
            }
        }
        #expect(allows(Self.authorizer.effectiveRules[admin], "create", "rolebindings"))
        #expect(allows(Self.authorizer.effectiveRules[edit], "get", "secrets"))
        #expect(!allows(Self.authorizer.effectiveRules[view], "get", "secrets"))
        #expect(allows(Self.authorizer.effectiveRules[view], "list", "pods"))
        #expect(!allows(Self.authorizer.effectiveRules[edit], "create", "rolebindings"))
    }

    @Test func discoveryIsOpenToAuthenticatedAndHealthToEveryone() {
        #expect(whoCan("get", "/apis/apps/v1") == ["Group:system:masters", "Group:system:authenticated"])
        #expect(whoCan("get", "/healthz").contains("Group:system:unauthenticated"))
        #expect(!whoCan("get", "/apis").contains("Group:system:unauthenticated"))
        // Exact entries only: `/version/` is listed, `/versions` is not.
        #expect(!whoCan("get", "/versions").contains("Group:system:authenticated"))
    }
}
