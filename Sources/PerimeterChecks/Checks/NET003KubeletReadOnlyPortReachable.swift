import PerimeterAnalysis
import PerimeterModel

/// NET-003: the unauthenticated read-only kubelet port reachable from outside the node group.
public struct KubeletReadOnlyPortReachableCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NET-003",
        slug: "kubelet-read-only-port-reachable",
        title: "Kubelet read-only port (10255/tcp) allowed on a node security group",
        severity: .high,
        rationale: """
            10255 serves pod specs, node information and metrics over plain HTTP with no authentication at all. \
            Nothing in a cluster should need it from outside the nodes; any rule that lets a CIDR or another \
            security group reach it is an information leak and a reconnaissance aid.
            """,
        remediation: "Remove the rule (and disable the port on the kubelet: readOnlyPort: 0).",
        terraformFix: """
            # Delete the ingress rule for 10255, or narrow the port range so it no longer covers it.
            """,
        references: [Reference.eksSecurityBestPractices, Reference.kubeletPorts],
        owasp: Reference.owaspNetworkSegmentation
    )

    public func run(_ context: CheckContext) -> [Finding] {
        var rules = RuleFindings()
        for (target, exposure) in context.nodeExposures(port: 10255) {
            for grant in exposure.grants where isOutsideNodes(grant, context: context) {
                rules.add(grant, target: target)
            }
        }
        return rules.entries.compactMap { grants, targets in
            guard let first = grants.first else { return nil }
            return finding(
                resource: first.resource, location: first.location,
                message: "\(first.description) opens the kubelet read-only port of \(targets.map { "'\($0)'" }.joined(separator: ", "))",
                evidence: grants.map { "\($0.description) (\(Describe.location($0.location)))" }
                    + ["nodes: \(targets.joined(separator: ", "))"])
        }
    }

    /// A group's reference to itself is NET-004's concern, and node-to-node traffic is not a finding.
    private func isOutsideNodes(_ grant: Grant, context: CheckContext) -> Bool {
        switch grant.source {
        case .cidr, .prefixList: return true
        case .securityGroup(let key): return key != grant.groupKey && !context.membership.isNodeGroup(key)
        case .unknown: return false
        }
    }
}

extension KubeletReadOnlyPortReachableCheck {
    /// Node groups whose security groups are unknown, and 10255 rules of unknown source, protocol or ports.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        undecided(context.nodeExposureGaps(port: 10255))
    }
}
