import PerimeterModel
import PerimeterRBAC

/// RBAC-001: `*` verbs or resources in a role bound to a subject that is not the platform's own.
public struct WildcardGrantCheck: RBACBindingCheck, ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "RBAC-001",
        slug: "rbac-wildcard-grant",
        title: "Wildcard verbs or resources granted to a non-system subject",
        severity: .high,
        rationale: """
            A `*` in verbs or resources grants every verb or resource that exists today and every one added later \
            (new subresources, CRDs, special verbs such as escalate and impersonate). Such grants are rarely needed \
            by people or workloads and hide what is really allowed.
            """,
        remediation: "List the verbs and resources the subject needs instead of '*'; split broad roles per task.",
        references: [Reference.rbacGoodPractices, Reference.rbacDocs, Reference.kubernetesAuthorization],
        owasp: Reference.owaspOverlyPermissiveRBAC,
        cis: "CIS EKS 1.8.0 4.1.3"
    )

    public func run(_ context: CheckContext) -> [Finding] { context.rbacFindings(for: self) }

    public func undecided(_ context: CheckContext) -> [Undecided] { rbacUndecided(context) }

    func concern(on bound: BoundRole, in context: CheckContext) -> RBACConcern? {
        let subjects = bound.subjects.filter { !RBACDefaults.isSystem($0) }
        // A ClusterRoleBinding of a full wildcard is cluster-admin: RBAC-002 reports it.
        let isClusterAdmin = bound.binding.isClusterRoleBinding && bound.rules.contains(where: RBACRequests.isFullWildcard)
        let wild = bound.rules.filter { $0.verbs.contains("*") || $0.resources.contains("*") }
        guard !subjects.isEmpty, !wild.isEmpty, !isClusterAdmin else { return nil }
        return concern(bound, subjects: subjects, rules: wild, what: "wildcard permissions", context: context)
    }
}
