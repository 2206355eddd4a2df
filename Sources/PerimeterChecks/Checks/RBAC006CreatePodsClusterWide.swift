import PerimeterModel
import PerimeterRBAC

/// RBAC-006: creating pods (directly or through a controller) in every namespace.
public struct CreatePodsClusterWideCheck: RBACBindingCheck, ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "RBAC-006",
        slug: "rbac-create-pods-cluster-wide",
        title: "create pods or pod controllers cluster-wide",
        severity: .medium,
        rationale: """
            Whoever creates a pod chooses its service account, volumes and security context: in every namespace \
            that means running as any service account (kube-system's included), mounting Secrets and, without \
            Pod Security admission, host paths and privileged containers.
            """,
        remediation: "Grant workload creation through RoleBindings in the namespaces that need it; enforce Pod Security admission.",
        references: [Reference.rbacGoodPractices, Reference.kubernetesAuthorization],
        owasp: Reference.owaspOverlyPermissiveRBAC,
        cis: "CIS EKS 1.8.0 4.1.4"
    )

    static let controllers: [(group: String, resource: String)] = [
        ("apps", "deployments"), ("apps", "daemonsets"), ("apps", "statefulsets"), ("apps", "replicasets"),
        ("batch", "jobs"), ("batch", "cronjobs"), ("", "replicationcontrollers")
    ]

    public func run(_ context: CheckContext) -> [Finding] { context.rbacFindings(for: self) }

    public func undecided(_ context: CheckContext) -> [Undecided] { rbacUndecided(context) }

    func concern(on bound: BoundRole, in context: CheckContext) -> RBACConcern? {
        guard bound.binding.isClusterRoleBinding, !bound.subjects.isEmpty else { return nil }
        var rules = RBACRequests.allows(bound.rules, verbs: ["create"], group: "", resource: "pods")
        for controller in Self.controllers {
            rules += RBACRequests.allows(
                bound.rules, verbs: ["create", "update", "patch"], group: controller.group, resource: controller.resource)
        }
        let unique = rules.reduce(into: [PolicyRule]()) { if !$0.contains($1) { $0.append($1) } }
        guard !unique.isEmpty else { return nil }
        return concern(bound, subjects: bound.subjects, rules: unique, what: "creating pods", context: context)
    }
}
