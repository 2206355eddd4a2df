import PerimeterAnalysis
import PerimeterModel

/// NET-002: the kubelet API reachable from an address range instead of the cluster security group.
public struct KubeletFromCIDRCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NET-002",
        slug: "kubelet-open-to-cidr",
        title: "Kubelet API (10250/tcp) allowed from a CIDR instead of the cluster security group",
        severity: .high,
        rationale: """
            Only the control plane (and in-cluster agents such as metrics-server) need the kubelet API. A CIDR \
            source (the whole VPC, a VPN range, an office) lets every machine in it reach 10250 on every node: \
            one compromised laptop or instance is enough to start probing kubelets.
            """,
        remediation: "Replace the CIDR source with the EKS cluster security group as source of 10250 on the node security group.",
        terraformFix: TerraformFix.kubeletFromClusterSecurityGroup,
        references: [Reference.eksSecurityBestPractices, Reference.eksSecurityGroups],
        owasp: Reference.owaspNetworkSegmentation
    )

    public func run(_ context: CheckContext) -> [Finding] {
        var rules = RuleFindings()
        for (target, exposure) in context.nodeExposures(port: 10250) {
            let internet = Set(exposure.internetGrants)
            for grant in exposure.cidrGrants where !internet.contains(grant) && !grant.cidrs.contains(where: \.isWholeInternet) {
                rules.add(grant, target: target)
            }
        }
        return rules.entries.compactMap { grants, targets in
            guard let first = grants.first else { return nil }
            let cidrs = grants.flatMap(\.cidrs).map(\.description)
            return finding(
                resource: first.resource, location: first.location,
                message:
                    "\(first.description) lets \(cidrs.joined(separator: ", ")) reach the kubelet API of \(targets.map { "'\($0)'" }.joined(separator: ", "))",
                evidence: grants.map { "\($0.description) (\(Describe.location($0.location)))" }
                    + ["nodes: \(targets.joined(separator: ", "))"])
        }
    }
}

extension KubeletFromCIDRCheck {
    /// Node groups whose security groups are unknown, and 10250 rules of unknown source, protocol or ports.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        undecided(context.nodeExposureGaps(port: 10250))
    }
}
