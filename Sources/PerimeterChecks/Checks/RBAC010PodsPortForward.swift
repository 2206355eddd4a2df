import PerimeterModel
import PerimeterRBAC

/// RBAC-010: tunnels into any pod's ports (pods/portforward).
public struct PodsPortForwardClusterWideCheck: RBACBindingCheck, ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "RBAC-010",
        slug: "rbac-pods-portforward-cluster-wide",
        title: "pods/portforward cluster-wide (tunnels past network policies)",
        severity: .medium,
        rationale: """
            pods/portforward opens a tunnel from the caller to any port of any pod through the API server and \
            the kubelet, past NetworkPolicies and load balancers: databases, admin ports and metrics endpoints \
            that were never meant to be reachable. Below Kubernetes 1.35 the get verb is enough.
            """,
        remediation: "Grant pods/portforward per namespace, to the people who debug those workloads.",
        references: [Reference.rbacGoodPractices, Reference.kubernetesAuthorization],
        owasp: Reference.owaspOverlyPermissiveRBAC
    )

    public func run(_ context: CheckContext) -> [Finding] { context.rbacFindings(for: self) }

    public func undecided(_ context: CheckContext) -> [Undecided] { rbacUndecided(context) }

    func concern(on bound: BoundRole, in context: CheckContext) -> RBACConcern? {
        let streaming = Self.streamingVerbs(context)
        return footholdConcern(
            on: bound, in: context, requests: [FootholdRequest(verbs: streaming.verbs, resource: "pods", subresource: "portforward")],
            what: "pods/portforward", evidence: [streaming.note])
    }
}
