import PerimeterKubernetes
import PerimeterModel
import Testing

@testable import PerimeterRBAC

/// The shipped bootstrap policy: roles manifests bind by name, defaults by content, version selection.
@Suite struct BuiltInRolesTests {
    static let policy = BootstrapPolicy.shipped(BootstrapPolicy.newest)!

    func can(
        _ authorizer: RBACAuthorizer, _ subject: SubjectRef, _ verb: String, _ resource: String,
        namespace: String? = nil, name: String? = nil
    ) -> Bool {
        !authorizer.authorize(
            UserInfo.implied(by: subject),
            AccessRequest.parse(
                verb: verb, resource: resource, namespace: namespace,
                name: name, apiGroup: nil)
        ).isEmpty
    }

    @Test func shippedPolicyLoadsWithoutTheUnreleasedPodCheckpointRole() {
        #expect(Self.policy.diagnostics.isEmpty)
        #expect(Self.policy.roles.count == 75) // 31 + 37 ClusterRoles, 7 Roles
        #expect(Self.policy.bindings.count == 54)
        #expect(Self.policy.role("ClusterRole/system:controller:podcheckpoint-controller") == nil)
        #expect(Self.policy.role("ClusterRole/cluster-admin")?.rules.count == 2)
        #expect(Self.policy.role("Role/kube-system/system:controller:bootstrap-signer") != nil)
    }

    @Test func aBindingOfClusterAdminByNameGrantsEverything() {
        let authorizer = RBACAuthorizer(
            snapshot: manifests(
                """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: alice-admin}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
                """))
        #expect(authorizer.unresolvedBindings.isEmpty)
        let answer = authorizer.whoCan(AccessRequest.parse(verb: "get", resource: "secrets", namespace: nil, name: nil, apiGroup: nil))
        #expect(subjects(answer) == ["Group:system:masters", "User:alice"])
        #expect(answer[1].grants.first?.role == "ClusterRole/cluster-admin (built-in, Kubernetes 1.32)")
        #expect(can(authorizer, .user("alice"), "get", "/metrics"))
        // Only the referenced role (and what it aggregates) is added: nothing else is bound.
        #expect(authorizer.builtInRoles.count == 1)
    }

    /// Built-in admin is aggregated: view ⊂ edit ⊂ admin, plus a chart's own role labelled aggregate-to-admin.
    @Test func builtInAggregatedAdminIncludesEditViewAndLabelledChartRoles() {
        let authorizer = RBACAuthorizer(
            snapshot: manifests(
                """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: team-admin, namespace: team-a}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
                subjects: [{kind: Group, name: team-a, apiGroup: rbac.authorization.k8s.io}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: certificates-admin
                  labels: {rbac.authorization.k8s.io/aggregate-to-admin: "true"}
                rules: [{apiGroups: [cert-manager.io], resources: [certificates], verbs: ["*"]}]
                """))
        let team = SubjectRef.group("team-a")
        #expect(can(authorizer, team, "create", "deployments", namespace: "team-a")) // from edit
        #expect(can(authorizer, team, "watch", "pods", namespace: "team-a")) // from view
        #expect(can(authorizer, team, "create", "rolebindings", namespace: "team-a")) // admin's own
        #expect(can(authorizer, team, "delete", "certificates.cert-manager.io", namespace: "team-a"))
        #expect(!can(authorizer, team, "create", "deployments", namespace: "team-b"))
        #expect(!can(authorizer, team, "list", "nodes"))
        #expect(authorizer.builtInRoles.count > 3)
    }

    /// The aggregated ClusterRole example of the RBAC documentation (monitoring).
    @Test func documentationAggregationExample() {
        let authorizer = RBACAuthorizer(
            snapshot: manifests(
                """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: monitoring
                aggregationRule:
                  clusterRoleSelectors:
                  - matchLabels:
                      rbac.example.com/aggregate-to-monitoring: "true"
                rules: [] # The control plane automatically fills in the rules
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: monitoring-endpoints
                  labels:
                    rbac.example.com/aggregate-to-monitoring: "true"
                rules:
                - apiGroups: [""]
                  resources: ["services", "endpointslices", "pods"]
                  verbs: ["get", "list", "watch"]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: monitoring}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring}
                subjects: [{kind: ServiceAccount, name: prometheus, namespace: monitoring}]
                """))
        let prometheus = SubjectRef.serviceAccount(namespace: "monitoring", name: "prometheus")
        #expect(can(authorizer, prometheus, "list", "services"))
        #expect(can(authorizer, prometheus, "watch", "pods", namespace: "anywhere"))
        #expect(!can(authorizer, prometheus, "delete", "pods", namespace: "anywhere"))
        #expect(!can(authorizer, prometheus, "get", "secrets", namespace: "anywhere"))
    }

    /// The resourceNames example of the RBAC documentation (configmap-updater).
    @Test func documentationResourceNamesExample() {
        let authorizer = RBACAuthorizer(
            snapshot: manifests(
                """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  namespace: default
                  name: configmap-updater
                rules:
                - apiGroups: [""]
                  resources: ["configmaps"]
                  resourceNames: ["my-configmap"]
                  verbs: ["update", "get"]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: configmap-updater, namespace: default}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: configmap-updater}
                subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
                """))
        let jane = SubjectRef.user("jane")
        #expect(can(authorizer, jane, "update", "configmaps", namespace: "default", name: "my-configmap"))
        #expect(!can(authorizer, jane, "update", "configmaps", namespace: "default", name: "other"))
        #expect(!can(authorizer, jane, "list", "configmaps", namespace: "default"))
        #expect(!can(authorizer, jane, "get", "configmaps", namespace: "kube-system", name: "my-configmap"))
    }

    @Test func liveObjectsWinAndLiveGapsStayGaps() {
        var snapshot = manifests(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: alice-admin}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: view}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: bob-view}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
            subjects: [{kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}]
            """)
        // A role the inputs define wins over the built-in of the same name.
        let files = RBACAuthorizer(snapshot: snapshot)
        #expect(can(files, .user("bob"), "get", "pods", namespace: "x"))
        #expect(!can(files, .user("bob"), "list", "services", namespace: "x"))
        // Read from a live cluster, a missing role does not exist there: no built-in stands in.
        for index in snapshot.kubernetes.bindings.indices { snapshot.kubernetes.bindings[index].meta.provenance.origin = .kubernetes }
        let live = RBACAuthorizer(snapshot: snapshot)
        #expect(live.builtInRoles.isEmpty)
        #expect(live.unresolvedBindings.map(\.meta.name) == ["alice-admin"])
    }

    @Test func versionSelection() throws {
        #expect(try BootstrapPolicy.select(requested: "1.32", serverVersion: nil).get().version == "1.32")
        #expect(try BootstrapPolicy.select(requested: "v1.32.4-eks-a737599", serverVersion: nil).get().version == "1.32")
        guard case .failure(let error) = BootstrapPolicy.select(requested: "1.20", serverVersion: nil) else {
            Issue.record("1.20 is not shipped")
            return
        }
        #expect(error.message == "Unknown Kubernetes version '1.20'; perimeter ships the bootstrap policy of 1.32")
        #expect(try BootstrapPolicy.select(requested: nil, serverVersion: "v1.40.1").get().version == "1.32")
        #expect(try BootstrapPolicy.select(requested: nil, serverVersion: "v1.19.0").get().version == "1.32")
        #expect(BootstrapPolicy.minor(of: "v1.33.0+k3s1") == "1.33")
        #expect(BootstrapPolicy.minor(of: "latest") == nil)
        // A live snapshot's own version picks the policy when no version is requested.
        var snapshot = Snapshot()
        snapshot.kubernetes.serverVersion = "v1.32.9"
        #expect(RBACAuthorizer(snapshot: snapshot).policy?.version == "1.32")
    }

    @Test func defaultsAreRecognisedByContent() throws {
        let discovery = try #require(Self.policy.binding("ClusterRoleBinding/system:discovery"))
        #expect(Self.policy.difference(of: discovery) == [])
        var widened = discovery
        widened.subjects.append(KubeSubject(kind: "Group", name: "system:unauthenticated"))
        #expect(Self.policy.difference(of: widened) == ["subject not in the Kubernetes 1.32 default: Group system:unauthenticated"])
        var rebound = discovery
        rebound.roleName = "cluster-admin"
        #expect(
            Self.policy.difference(of: rebound)?.first
                == "roleRef ClusterRole/cluster-admin instead of the default's ClusterRole/system:discovery")
        // A rule split in two grants nothing more than the default; a new verb does.
        let role = try #require(Self.policy.role("ClusterRole/system:discovery"))
        var split = role
        split.rules = role.rules.flatMap { rule in rule.nonResourceURLs.map { PolicyRule(verbs: rule.verbs, nonResourceURLs: [$0]) } }
        #expect(Self.policy.difference(of: split) == [])
        var more = role
        more.rules.append(PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["secrets"]))
        #expect(
            Self.policy.difference(of: more) == [
                "rule not in the Kubernetes 1.32 default: verbs=[get] apiGroups=[\"\"] resources=[secrets]"
            ])
        #expect(
            Self.policy.difference(
                of: KubeRole(
                    meta: KubeObjectMeta(
                        kind: "ClusterRole", apiVersion: "rbac.authorization.k8s.io/v1", name: "mine",
                        provenance: Provenance(resource: "x", origin: .file)), rules: [])) == nil)
    }
}
