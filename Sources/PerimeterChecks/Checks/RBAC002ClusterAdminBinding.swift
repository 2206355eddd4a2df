import PerimeterModel
import PerimeterRBAC

/// RBAC-002: cluster-admin, or a role with the same `*`/`*`/`*` rule, bound cluster-wide to a non-system subject.
public struct ClusterAdminBindingCheck: RBACBindingCheck, ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "RBAC-002",
        slug: "rbac-cluster-admin-binding",
        title: "cluster-admin (or an equivalent) bound to a non-system subject",
        severity: .critical,
        rationale: """
            A ClusterRoleBinding to a role with every verb on every resource in every group is full control of \
            the cluster: read every Secret, run privileged pods on any node, and grant itself anything else. \
            Only break-glass identities should hold it, and through system:masters only where unavoidable.
            """,
        remediation: """
            Bind a narrower ClusterRole, or a Role through a RoleBinding in the namespaces the subject works in; \
            keep cluster-admin for a break-glass group.
            """,
        references: [Reference.rbacGoodPractices, Reference.rbacDocs, Reference.kubernetesAuthorization],
        owasp: Reference.owaspOverlyPermissiveRBAC,
        cis: "CIS EKS 1.8.0 4.1.1"
    )

    public func run(_ context: CheckContext) -> [Finding] { context.rbacFindings(for: self) }

    public func undecided(_ context: CheckContext) -> [Undecided] { rbacUndecided(context) }

    func concern(on bound: BoundRole, in context: CheckContext) -> RBACConcern? {
        guard bound.binding.isClusterRoleBinding else { return nil }
        let subjects = bound.subjects.filter { !RBACDefaults.isSystem($0) }
        let wild = bound.rules.filter(RBACRequests.isFullWildcard)
        guard !subjects.isEmpty, !wild.isEmpty else { return nil }
        return concern(bound, subjects: subjects, rules: wild, what: "every verb on every resource", context: context)
    }
}
