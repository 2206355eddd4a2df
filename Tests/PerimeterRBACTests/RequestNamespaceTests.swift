import PerimeterModel
import Testing

@testable import PerimeterRBAC

/// Where the API server authorizes a request on a cluster-scoped resource in a namespace, one verb each.
@Suite struct RequestNamespaceTests {
    /// The role-grantor example of the RBAC documentation, granted in user-1-namespace by a RoleBinding.
    static let authorizer = RBACAuthorizer(
        snapshot: manifests(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: role-grantor
            rules:
            - apiGroups: ["rbac.authorization.k8s.io"]
              resources: ["rolebindings"]
              verbs: ["create"]
            - apiGroups: ["rbac.authorization.k8s.io"]
              resources: ["clusterroles"]
              verbs: ["bind"]
              resourceNames: ["admin","edit","view"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: role-grantor-binding
              namespace: user-1-namespace
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: role-grantor
            subjects:
            - apiGroup: rbac.authorization.k8s.io
              kind: User
              name: user-1
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: powers, namespace: user-1-namespace}
            rules:
            - {apiGroups: [rbac.authorization.k8s.io], resources: [roles, clusterroles], verbs: [escalate]}
            - {apiGroups: [""], resources: [serviceaccounts, users, groups], verbs: [impersonate]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: powers, namespace: user-1-namespace}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: powers}
            subjects: [{kind: User, name: user-2, apiGroup: rbac.authorization.k8s.io}]
            """))

    func can(_ user: String, _ verb: String, _ resource: String, namespace: String?, name: String? = nil) -> Bool {
        let queries = RBACQueries(authorizer: Self.authorizer)
        let request = AccessRequest.parse(verb: verb, resource: resource, namespace: namespace, name: name, apiGroup: nil)
        return !queries.can(queries.resolve(.user(user)), request).isEmpty
    }

    /// `rbac can User:user-1 bind clusterroles -n user-1-namespace --name admin` is yes: binding a ClusterRole in a
    /// RoleBinding is authorized in the RoleBinding's namespace.
    @Test func bindOnClusterRolesKeepsTheNamespace() {
        #expect(can("user-1", "bind", "clusterroles", namespace: "user-1-namespace", name: "admin"))
        #expect(can("user-1", "bind", "clusterroles", namespace: "user-1-namespace", name: "view"))
        #expect(!can("user-1", "bind", "clusterroles", namespace: "user-1-namespace", name: "cluster-admin"))
        #expect(!can("user-1", "bind", "clusterroles", namespace: "other", name: "admin"))
        #expect(!can("user-1", "bind", "clusterroles", namespace: nil, name: "admin")) // a ClusterRoleBinding: cluster-wide
        #expect(can("user-1", "create", "rolebindings", namespace: "user-1-namespace"))
        let whoCan = Self.authorizer.whoCan(
            AccessRequest.parse(
                verb: "bind", resource: "clusterroles", namespace: "user-1-namespace",
                name: "edit", apiGroup: nil))
        #expect(subjects(whoCan) == ["Group:system:masters", "User:user-1"])
    }

    /// escalate is checked in the namespace of the role written: a Role's, none for a ClusterRole.
    @Test func escalateFollowsTheRoleBeingWritten() {
        #expect(can("user-2", "escalate", "roles", namespace: "user-1-namespace"))
        #expect(!can("user-2", "escalate", "clusterroles", namespace: "user-1-namespace"))
        #expect(AccessRequest.parse(verb: "escalate", resource: "clusterroles", namespace: "x", name: nil, apiGroup: nil).namespace == "")
    }

    /// Impersonating a service account is checked in its namespace; users and groups at cluster scope.
    @Test func impersonateServiceAccountsInTheirNamespaceOnly() {
        #expect(can("user-2", "impersonate", "serviceaccounts", namespace: "user-1-namespace", name: "deployer"))
        #expect(!can("user-2", "impersonate", "serviceaccounts", namespace: "kube-system", name: "deployer"))
        #expect(!can("user-2", "impersonate", "users", namespace: "user-1-namespace", name: "admin"))
        #expect(!can("user-2", "impersonate", "groups", namespace: "user-1-namespace", name: "system:masters"))
    }

    /// Other cluster-scoped resources drop the namespace, so RoleBindings never grant them.
    @Test func otherClusterScopedRequestsAreClusterWide() {
        #expect(AccessRequest.parse(verb: "get", resource: "nodes", namespace: "x", name: nil, apiGroup: nil).namespace == "")
        #expect(AccessRequest.parse(verb: "bind", resource: "clusterroles", namespace: "x", name: "admin", apiGroup: nil).namespace == "x")
        #expect(AccessRequest.parse(verb: "bind", resource: "roles", namespace: "x", name: "admin", apiGroup: nil).namespace == "x")
    }
}
