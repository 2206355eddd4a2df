import PerimeterModel
import PerimeterRBAC

/// RBAC-009: attaching to the running process of any pod (pods/attach).
public struct PodsAttachClusterWideCheck: RBACBindingCheck, ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "RBAC-009",
        slug: "rbac-pods-attach-cluster-wide",
        title: "pods/attach cluster-wide (the console of any container)",
        severity: .high,
        rationale: """
            pods/attach connects to the main process of any container in any namespace: its standard input and \
            output, which for a shell image is a shell with the pod's identity. Below Kubernetes 1.35 the \
            websocket upgrade is authorized with the get verb alone.
            """,
        remediation: "Remove pods/attach from cluster-wide roles; grant it per namespace where operators need it.",
        references: [Reference.rbacGoodPractices, Reference.kubernetesAuthorization],
        owasp: Reference.owaspOverlyPermissiveRBAC
    )

    public func run(_ context: CheckContext) -> [Finding] { context.rbacFindings(for: self) }

    public func undecided(_ context: CheckContext) -> [Undecided] { rbacUndecided(context) }

    func concern(on bound: BoundRole, in context: CheckContext) -> RBACConcern? {
        let streaming = Self.streamingVerbs(context)
        return footholdConcern(
            on: bound, in: context, requests: [FootholdRequest(verbs: streaming.verbs, resource: "pods", subresource: "attach")],
            what: "pods/attach", evidence: [streaming.note])
    }
}
