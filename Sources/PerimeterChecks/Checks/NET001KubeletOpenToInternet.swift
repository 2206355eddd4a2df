import PerimeterAnalysis
import PerimeterModel

/// NET-001: the kubelet API reachable from the whole internet.
public struct KubeletOpenToInternetCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NET-001",
        slug: "kubelet-open-to-internet",
        title: "Kubelet API (10250/tcp) open to the internet on a node security group",
        severity: .critical,
        rationale: """
            The kubelet API serves pod listings, logs, exec and port-forward on every node. A rule that lets \
            0.0.0.0/0 or ::/0 reach 10250 (directly, through a port range that covers it, or through protocol -1) \
            puts that API in front of every scanner on the internet; one authentication or authorization slip on \
            the node is then a remote node compromise.
            """,
        remediation: "Remove the rule; allow 10250 on the node security group only from the EKS cluster security group.",
        terraformFix: TerraformFix.kubeletFromClusterSecurityGroup,
        references: [Reference.eksSecurityBestPractices, Reference.eksSecurityGroups, Reference.kubeletAuthentication],
        owasp: Reference.owaspNetworkSegmentation
    )

    public func run(_ context: CheckContext) -> [Finding] {
        var rules = RuleFindings()
        for (target, exposure) in context.nodeExposures(port: 10250) {
            for grant in exposure.internetGrants { rules.add(grant, target: target) }
        }
        return rules.entries.compactMap { grants, targets in
            guard let first = grants.first else { return nil }
            return finding(
                resource: first.resource, location: first.location,
                message:
                    "\(first.description) exposes the kubelet API of \(targets.map { "'\($0)'" }.joined(separator: ", ")) to the internet",
                evidence: grants.map { "\($0.description) (\(Describe.location($0.location)))" }
                    + ["nodes: \(targets.joined(separator: ", "))"])
        }
    }
}

extension KubeletOpenToInternetCheck {
    /// Node groups whose security groups are unknown, and 10250 rules of unknown source, protocol or ports.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        undecided(context.nodeExposureGaps(port: 10250))
    }
}
