import PerimeterModel
import PerimeterRBAC

/// RBAC-004: get, list or watch on Secrets in every namespace.
public struct SecretsClusterWideCheck: RBACBindingCheck, ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "RBAC-004",
        slug: "rbac-secrets-cluster-wide",
        title: "get/list/watch secrets cluster-wide",
        severity: .high,
        rationale: """
            Reading Secrets in every namespace exposes service account tokens, registry and cloud credentials; \
            list and watch return the contents too, not only the names.
            """,
        remediation: "Grant Secret access through RoleBindings in the namespaces that need it, restricted with resourceNames.",
        references: [Reference.rbacGoodPractices, Reference.kubernetesAuthorization],
        owasp: Reference.owaspOverlyPermissiveRBAC,
        cis: "CIS EKS 1.8.0 4.1.2"
    )

    public func run(_ context: CheckContext) -> [Finding] { context.rbacFindings(for: self) }

    public func undecided(_ context: CheckContext) -> [Undecided] { rbacUndecided(context) }

    func concern(on bound: BoundRole, in context: CheckContext) -> RBACConcern? {
        guard bound.binding.isClusterRoleBinding, !bound.subjects.isEmpty else { return nil }
        // A request without a name never matches a rule limited by resourceNames.
        let rules = RBACRequests.allows(bound.rules, verbs: ["get", "list", "watch"], group: "", resource: "secrets")
        guard !rules.isEmpty else { return nil }
        return concern(bound, subjects: bound.subjects, rules: rules, what: "reading secrets", context: context)
    }
}
