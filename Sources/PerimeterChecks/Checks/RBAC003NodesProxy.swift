import PerimeterModel
import PerimeterRBAC

/// RBAC-003: nodes/proxy, the kubelet API through the API server.
public struct NodesProxyGrantCheck: RBACBindingCheck, ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "RBAC-003",
        slug: "rbac-nodes-proxy",
        title: "nodes/proxy granted (reaches the kubelet API through the API server)",
        severity: .high,
        rationale: """
            nodes/proxy lets a subject call the kubelet API of any node through the API server: run commands in \
            every pod on the node, read logs and metrics. A websocket GET is enough (the get verb), and the calls \
            bypass admission and most audit policies. Nodes are cluster-scoped, so only ClusterRoleBindings grant it.
            """,
        remediation: "Remove nodes/proxy from the role; monitoring agents need nodes/metrics or nodes/stats, not nodes/proxy.",
        references: [Reference.rbacGoodPractices, Reference.kubeletAuthentication, Reference.kubernetesAuthorization],
        owasp: Reference.owaspOverlyPermissiveRBAC
    )

    public func run(_ context: CheckContext) -> [Finding] { context.rbacFindings(for: self) }

    public func undecided(_ context: CheckContext) -> [Undecided] { rbacUndecided(context) }

    func concern(on bound: BoundRole, in context: CheckContext) -> RBACConcern? {
        guard bound.binding.isClusterRoleBinding, !bound.subjects.isEmpty else { return nil }
        let rules = RBACRequests.allows(
            bound.rules, verbs: ["get", "create"], group: "", resource: "nodes",
            subresource: "proxy", ignoringNames: true)
        guard !rules.isEmpty else { return nil }
        return concern(bound, subjects: bound.subjects, rules: rules, what: "nodes/proxy", context: context)
    }
}
