import PerimeterModel
import Testing

@testable import PerimeterRBAC

/// Each edge case that peer tools get wrong (reference rbac-and-identity.md §1.7), decided as the API server does.
@Suite struct PitfallTests {
    static let objects = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: pod-reader}
        rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: [get, list]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: read-pods, namespace: team-a}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
        subjects:
        - {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
        - {kind: ServiceAccount, name: builder}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: subresources}
        rules:
        - apiGroups: [""]
          resources: ["pods/*"]
          verbs: [create]
        - apiGroups: [""]
          resources: ["*/exec"]
          verbs: [get]
        - apiGroups: [""]
          resources: [secrets]
          resourceNames: [app-config]
          verbs: [get]
        - nonResourceURLs: ["/metrics/*", "/api*"]
          verbs: [get]
        - apiGroups: [metal3.io]
          resources: ["*"]
          verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: bob-subresources}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: subresources}
        subjects:
        - {kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}
        - {kind: ServiceAccount, name: no-namespace}
        - {kind: Robot, name: r2}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: all-sas-list-services}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: service-lister}
        subjects:
        - {kind: Group, name: "system:serviceaccounts:team-a", apiGroup: rbac.authorization.k8s.io}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: service-lister}
        rules: [{apiGroups: [""], resources: [services], verbs: [list]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: dangling}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: does-not-exist}
        subjects: [{kind: User, name: carol, apiGroup: rbac.authorization.k8s.io}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: carol-reads}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
        subjects: [{kind: User, name: carol, apiGroup: rbac.authorization.k8s.io}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: namespace-editor, namespace: team-a}
        rules: [{apiGroups: [""], resources: [namespaces, nodes], verbs: [get, patch]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: dave-namespace, namespace: team-a}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: namespace-editor}
        subjects: [{kind: User, name: dave, apiGroup: rbac.authorization.k8s.io}]
        """

    static let authorizer = RBACAuthorizer(snapshot: manifests(objects))

    func can(_ subject: SubjectRef, _ verb: String, _ resource: String, namespace: String? = nil, name: String? = nil) -> Bool {
        !Self.authorizer.authorize(
            UserInfo.implied(by: subject),
            AccessRequest.parse(verb: verb, resource: resource, namespace: namespace, name: name, apiGroup: nil)
        ).isEmpty
    }

    @Test func roleBindingToClusterRoleGrantsOnlyInItsNamespace() {
        #expect(can(.user("alice"), "list", "pods", namespace: "team-a"))
        #expect(!can(.user("alice"), "list", "pods", namespace: "team-b"))
        #expect(!can(.user("alice"), "list", "pods"))
        let who = subjects(
            Self.authorizer.whoCan(AccessRequest.parse(verb: "list", resource: "pods", namespace: "team-a", name: nil, apiGroup: nil)))
        #expect(who == ["Group:system:masters", "ServiceAccount:team-a:builder", "User:alice", "User:carol"])
        let clusterWide = subjects(
            Self.authorizer.whoCan(AccessRequest.parse(verb: "list", resource: "pods", namespace: nil, name: nil, apiGroup: nil)))
        #expect(clusterWide == ["Group:system:masters", "User:carol"])
    }

    @Test func serviceAccountSubjectTakesTheRoleBindingNamespace() {
        #expect(can(.serviceAccount(namespace: "team-a", name: "builder"), "get", "pods", namespace: "team-a"))
        #expect(!can(.serviceAccount(namespace: "default", name: "builder"), "get", "pods", namespace: "team-a"))
        // In a ClusterRoleBinding a ServiceAccount without namespace matches nobody.
        #expect(!can(.serviceAccount(namespace: "default", name: "no-namespace"), "get", "pods/exec", namespace: "default"))
    }

    @Test func podsSlashStarIsNotAWildcardButStarSlashExecIs() {
        #expect(!can(.user("bob"), "create", "pods/exec", namespace: "default"))
        #expect(can(.user("bob"), "create", "pods/*", namespace: "default")) // only the literal subresource "*"
        #expect(can(.user("bob"), "get", "pods/exec", namespace: "default"))
        #expect(can(.user("bob"), "get", "services/exec", namespace: "default"))
        #expect(!can(.user("bob"), "get", "deployments.apps/exec", namespace: "default")) // the rule is for group ""
        #expect(!can(.user("bob"), "get", "pods/attach", namespace: "default"))
        #expect(!can(.user("bob"), "get", "pods", namespace: "default"))
    }

    @Test func resourceNamesRestrictAndNeverMatchUnnamedRequests() {
        #expect(can(.user("bob"), "get", "secrets", namespace: "prod", name: "app-config"))
        #expect(!can(.user("bob"), "get", "secrets", namespace: "prod", name: "db-password"))
        #expect(!can(.user("bob"), "get", "secrets", namespace: "prod"))
        #expect(!can(.user("bob"), "list", "secrets"))
    }

    @Test func nonResourceURLsMatchByTrailingStarPrefix() {
        #expect(can(.user("bob"), "get", "/metrics/cadvisor"))
        #expect(!can(.user("bob"), "get", "/metrics")) // `/metrics/*` needs the slash
        #expect(can(.user("bob"), "get", "/apis")) // `/api*` matches /apis
        #expect(can(.user("bob"), "get", "/api/v1"))
        #expect(!can(.user("bob"), "post", "/api/v1"))
        // Non-resource URLs come only through ClusterRoleBindings: alice's RoleBinding gives none.
        #expect(!can(.user("alice"), "get", "/api"))
    }

    @Test func apiGroupIsPartOfTheMatch() {
        #expect(can(.user("bob"), "get", "hosts.metal3.io", namespace: "x"))
        #expect(!can(.user("bob"), "get", "configmaps", namespace: "x")) // `*` in metal3.io is not every resource
        #expect(!can(.user("bob"), "get", "pods", namespace: "x"))
        #expect(!can(.user("alice"), "list", "pods.core", namespace: "team-a")) // "core" is not ""
    }

    @Test func implicitServiceAccountGroupsCount() {
        let builder = SubjectRef.serviceAccount(namespace: "team-a", name: "builder")
        #expect(UserInfo.implied(by: builder).groups == ["system:serviceaccounts", "system:serviceaccounts:team-a", "system:authenticated"])
        #expect(can(builder, "list", "services"))
        #expect(!can(.serviceAccount(namespace: "team-b", name: "builder"), "list", "services"))
        #expect(!can(.user("alice"), "list", "services"))
        #expect(UserInfo.implied(by: .user("system:anonymous")).groups == ["system:unauthenticated"])
    }

    @Test func missingRolesAreSkippedNotFatal() {
        #expect(Self.authorizer.unresolvedBindings.map(\.meta.name) == ["dangling"])
        #expect(can(.user("carol"), "get", "pods"))
        #expect(!can(.user("carol"), "delete", "pods", namespace: "x"))
    }

    @Test func clusterScopedResourcesOnlyThroughClusterRoleBindingsExceptTheNamespaceItself() {
        #expect(!can(.user("dave"), "get", "nodes", namespace: "team-a"))
        #expect(!can(.user("dave"), "get", "namespaces"))
        #expect(can(.user("dave"), "patch", "namespaces", name: "team-a"))
        #expect(!can(.user("dave"), "patch", "namespaces", name: "team-b"))
    }

    @Test func systemMastersIsAllowedEverything() {
        let master = UserInfo(name: "root", groups: ["system:masters"])
        #expect(!Self.authorizer.authorize(master, AccessRequest(verb: "impersonate", resource: "users")).isEmpty)
        #expect(!Self.authorizer.authorize(master, AccessRequest(verb: "get", path: "/anything")).isEmpty)
        let who = Self.authorizer.whoCan(AccessRequest(verb: "escalate", apiGroup: "rbac.authorization.k8s.io", resource: "clusterroles"))
        #expect(who.map(\.subject) == [.group("system:masters")])
        #expect(who.first?.grants.first?.kind == .masters)
    }

    @Test func aggregationFromManifestsWithSelectors() {
        let text = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: monitoring}
            aggregationRule:
              clusterRoleSelectors:
              - matchLabels: {team: sre}
              - matchExpressions: [{key: extra, operator: Exists}]
            rules: [{apiGroups: [""], resources: [secrets], verbs: ["*"]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: a, labels: {team: sre}}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: b, labels: {extra: "1"}}
            aggregationRule: {clusterRoleSelectors: [{matchLabels: {inner: "yes"}}]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: c, labels: {inner: "yes", team: other}}
            rules: [{apiGroups: [""], resources: [nodes], verbs: [list]}]
            """
        let authorizer = RBACAuthorizer(snapshot: manifests(text))
        let monitoring = authorizer.role(named: "ClusterRole/monitoring")!
        // The written rules are overwritten; a and (through b) c are unioned.
        #expect(authorizer.effectiveRules[monitoring].map(\.resources) == [["pods"], ["nodes"]])
    }
}

@Suite struct AggregationEdgeTests {
    /// A `kubectl get clusterrole admin -o yaml` alone carries the aggregated rules; with nothing selected in
    /// the inputs they are kept, not wiped.
    @Test func partialDumpKeepsStoredRules() {
        let authorizer = RBACAuthorizer(
            snapshot: manifests(
                """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: admin}
                aggregationRule: {clusterRoleSelectors: [{matchLabels: {rbac.authorization.k8s.io/aggregate-to-admin: "true"}}]}
                rules: [{apiGroups: [""], resources: [pods], verbs: ["*"]}]
                """))
        #expect(authorizer.effectiveRules[authorizer.role(named: "ClusterRole/admin")!].map(\.resources) == [["pods"]])
    }
}
