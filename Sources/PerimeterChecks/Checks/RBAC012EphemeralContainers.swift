import PerimeterModel
import PerimeterRBAC

/// RBAC-012: adding ephemeral containers to any running pod (pods/ephemeralcontainers).
public struct EphemeralContainersCheck: RBACBindingCheck, ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "RBAC-012",
        slug: "rbac-ephemeral-containers-cluster-wide",
        title: "patch pods/ephemeralcontainers cluster-wide (a new container in any pod)",
        severity: .high,
        rationale: """
            Updating pods/ephemeralcontainers adds a container of the caller's choosing to a running pod: it \
            shares the pod's namespaces, service account and volumes, and with process namespace sharing sees \
            the other containers. It is `kubectl debug`, in every namespace.
            """,
        remediation: "Grant pods/ephemeralcontainers per namespace to the people who debug there; enforce Pod Security admission.",
        references: [Reference.rbacGoodPractices, Reference.kubernetesAuthorization],
        owasp: Reference.owaspOverlyPermissiveRBAC
    )

    public func run(_ context: CheckContext) -> [Finding] { context.rbacFindings(for: self) }

    public func undecided(_ context: CheckContext) -> [Undecided] { rbacUndecided(context) }

    func concern(on bound: BoundRole, in context: CheckContext) -> RBACConcern? {
        footholdConcern(
            on: bound, in: context,
            requests: [FootholdRequest(verbs: ["patch", "update"], resource: "pods", subresource: "ephemeralcontainers")],
            what: "adding ephemeral containers")
    }
}
