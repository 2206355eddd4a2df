import PerimeterModel
import PerimeterRBAC

/// RBAC-005: the verbs that get around RBAC's own escalation checks.
public struct EscalateBindImpersonateCheck: Check {
    public init() {}

    public let description = CheckDescription(
        id: "RBAC-005",
        slug: "rbac-escalate-bind-impersonate",
        title: "escalate, bind or impersonate",
        severity: .high,
        rationale: """
            escalate on roles lets a subject write any permission into a role it holds; bind on roles lets it bind \
            itself to cluster-admin; impersonate lets it act as any user, group (system:masters) or service account. \
            Each is a path to full control. Impersonating users and groups is checked at cluster scope, so only a \
            ClusterRoleBinding grants it; service accounts can be impersonated through a RoleBinding in their namespace.
            """,
        remediation: "Remove escalate, bind and impersonate; if bind is needed, restrict it with resourceNames to the roles it may hand out.",
        references: [Reference.rbacGoodPractices, Reference.rbacDocs, Reference.rbacSourceDocument],
        owasp: Reference.owaspOverlyPermissiveRBAC,
        cis: "CIS EKS 1.8.0 4.1.8"
    )

    public func run(_ context: CheckContext) -> [Finding] {
        context.customBindings.compactMap { bound in
            guard !bound.subjects.isEmpty else { return nil }
            let rbacGroup = "rbac.authorization.k8s.io"
            var rules: [PolicyRule] = []
            for resource in ["roles", "clusterroles"] {
                rules += RBACRequests.allows(bound.rules, verbs: ["escalate", "bind"], group: rbacGroup, resource: resource, ignoringNames: true)
            }
            rules += RBACRequests.allows(bound.rules, verbs: ["impersonate"], group: "", resource: "serviceaccounts", ignoringNames: true)
            if bound.binding.isClusterRoleBinding {
                for (group, resource) in [("", "users"), ("", "groups"), ("authentication.k8s.io", "uids"), ("authentication.k8s.io", "userextras")] {
                    rules += RBACRequests.allows(bound.rules, verbs: ["impersonate"], group: group, resource: resource, ignoringNames: true)
                }
            }
            let unique = rules.reduce(into: [PolicyRule]()) { if !$0.contains($1) { $0.append($1) } }
            guard !unique.isEmpty else { return nil }
            return bindingFinding(bound, subjects: bound.subjects, rules: unique, what: "escalate, bind or impersonate", context: context)
        }
    }
}
