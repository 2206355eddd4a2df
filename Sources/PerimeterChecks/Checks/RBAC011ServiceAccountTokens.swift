import PerimeterModel
import PerimeterRBAC

/// RBAC-011: minting tokens for any service account (serviceaccounts/token).
public struct ServiceAccountTokenCreationCheck: RBACBindingCheck, ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "RBAC-011",
        slug: "rbac-serviceaccount-token-cluster-wide",
        title: "create serviceaccounts/token cluster-wide (become any service account)",
        severity: .high,
        rationale: """
            create on serviceaccounts/token issues a token for any service account in any namespace, with any \
            audience and lifetime the API server allows: the subject becomes kube-system's controllers, and every \
            cloud role trusted through IRSA or workload identity.
            """,
        remediation: "Remove serviceaccounts/token from cluster-wide roles; restrict it with resourceNames in the namespace that needs it.",
        references: [Reference.rbacGoodPractices, Reference.kubernetesAuthorization],
        owasp: Reference.owaspOverlyPermissiveRBAC,
        cis: "CIS Kubernetes 1.8.0 5.1.13"
    )

    public func run(_ context: CheckContext) -> [Finding] { context.rbacFindings(for: self) }

    public func undecided(_ context: CheckContext) -> [Undecided] { rbacUndecided(context) }

    func concern(on bound: BoundRole, in context: CheckContext) -> RBACConcern? {
        footholdConcern(
            on: bound, in: context, requests: [FootholdRequest(verbs: ["create"], resource: "serviceaccounts", subresource: "token")],
            what: "creating service account tokens")
    }
}
