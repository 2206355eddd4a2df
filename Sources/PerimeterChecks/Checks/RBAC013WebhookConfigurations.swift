import PerimeterModel
import PerimeterRBAC

/// RBAC-013: writing admission webhook configurations.
public struct WebhookConfigurationWriteCheck: RBACBindingCheck, ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "RBAC-013",
        slug: "rbac-webhook-configurations",
        title: "create/update validating or mutating webhook configurations",
        severity: .high,
        rationale: """
            A mutating webhook rewrites every object it selects before it is stored (add a container, a host \
            path, a service account to every pod); a validating webhook receives every object it selects, \
            Secrets included, and can block any change. Whoever writes their configurations controls admission.
            """,
        remediation: "Keep webhook configuration writes to the controllers that own them, restricted with resourceNames.",
        references: [Reference.rbacGoodPractices, Reference.kubernetesAuthorization],
        owasp: Reference.owaspOverlyPermissiveRBAC,
        cis: "CIS Kubernetes 1.8.0 5.1.12"
    )

    public func run(_ context: CheckContext) -> [Finding] { context.rbacFindings(for: self) }

    public func undecided(_ context: CheckContext) -> [Undecided] { rbacUndecided(context) }

    func concern(on bound: BoundRole, in context: CheckContext) -> RBACConcern? {
        let group = "admissionregistration.k8s.io"
        return footholdConcern(
            on: bound, in: context,
            requests: [
                FootholdRequest(verbs: ["create", "update", "patch"], group: group, resource: "mutatingwebhookconfigurations"),
                FootholdRequest(verbs: ["create", "update", "patch"], group: group, resource: "validatingwebhookconfigurations")
            ], what: "writing admission webhook configurations")
    }
}
