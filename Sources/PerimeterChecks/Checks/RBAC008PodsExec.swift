import PerimeterModel
import PerimeterRBAC

/// RBAC-008: running commands in any pod of the cluster (pods/exec).
public struct PodsExecClusterWideCheck: RBACBindingCheck, ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "RBAC-008",
        slug: "rbac-pods-exec-cluster-wide",
        title: "pods/exec cluster-wide (run commands in any pod)",
        severity: .high,
        rationale: """
            pods/exec runs a command in any container of any namespace: a shell with that pod's service account \
            token, its mounted Secrets and its network position, kube-system's controllers included. Below \
            Kubernetes 1.35 the websocket upgrade is authorized with the get verb alone.
            """,
        remediation: "Grant pods/exec through RoleBindings in the namespaces that need it, or use ephemeral debugging with audit.",
        references: [Reference.rbacGoodPractices, Reference.kubernetesAuthorization],
        owasp: Reference.owaspOverlyPermissiveRBAC
    )

    public func run(_ context: CheckContext) -> [Finding] { context.rbacFindings(for: self) }

    public func undecided(_ context: CheckContext) -> [Undecided] { rbacUndecided(context) }

    func concern(on bound: BoundRole, in context: CheckContext) -> RBACConcern? {
        let streaming = Self.streamingVerbs(context)
        return footholdConcern(
            on: bound, in: context, requests: [FootholdRequest(verbs: streaming.verbs, resource: "pods", subresource: "exec")],
            what: "pods/exec", evidence: [streaming.note])
    }
}
