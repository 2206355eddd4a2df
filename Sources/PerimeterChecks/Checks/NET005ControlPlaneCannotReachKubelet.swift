import PerimeterAnalysis
import PerimeterModel

/// NET-005: the opposite mistake: nothing lets the control plane reach the kubelet, so logs/exec/metrics break.
public struct ControlPlaneCannotReachKubeletCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NET-005",
        slug: "control-plane-cannot-reach-kubelet",
        title: "Nothing lets the cluster security group reach the kubelet (10250/tcp) on the nodes",
        severity: .medium,
        rationale: """
            The API server calls the kubelet for kubectl logs, exec, attach and port-forward, and metrics-server \
            scrapes it. When the node security groups admit 10250 from nothing the control plane carries (or the \
            control plane may not send to it), those features fail after a hardening change.
            """,
        remediation: "Allow 10250/tcp on the node security group from the cluster security group (and egress from it to the nodes).",
        terraformFix: TerraformFix.kubeletFromClusterSecurityGroup,
        references: [Reference.eksSecurityBestPractices, Reference.eksSecurityGroups],
        owasp: Reference.owaspClusterComponents
    )

    public func run(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for cluster in context.snapshot.eksClusters {
            let controlPlane = context.membership.controlPlane(of: cluster)
            guard !controlPlane.securityGroupKeys.isEmpty else { continue }
            for target in context.membership.nodeGroups(of: cluster) where target.isMembershipKnown && target.unresolved.isEmpty {
                let ingress = context.exposure.exposure(of: target, protocol: .tcp, port: 10250)
                let egress = context.exposure.exposure(of: controlPlane.securityGroupKeys, direction: .egress, protocol: .tcp, port: 10250)
                if ingress.isComplete, !ControlPlaneAccess.admits(ingress, controlPlane: controlPlane.securityGroupKeys) {
                    findings.append(
                        finding(
                            resource: target.provenance.resource, location: target.provenance.location,
                            message:
                                "no rule on the security groups of '\(target.name)' admits 10250/tcp from the control plane; kubectl logs, exec and metrics break",
                            evidence: [
                                "node security groups: \(target.securityGroupKeys.joined(separator: ", "))",
                                "control-plane security groups: \(controlPlane.securityGroupKeys.joined(separator: ", "))"
                            ]))
                } else if egress.isComplete, !reachesNodes(egress, target: target) {
                    findings.append(
                        finding(
                            resource: target.provenance.resource, location: target.provenance.location,
                            message:
                                "the control-plane security groups of '\(Describe.name(cluster.name, fallback: cluster.key))' may not send to 10250/tcp on '\(target.name)'",
                            evidence: [
                                "control-plane security groups: \(controlPlane.securityGroupKeys.joined(separator: ", ")) have no egress covering 10250 to the nodes"
                            ]))
                }
            }
        }
        return findings
    }

    private func reachesNodes(_ exposure: Exposure, target: NodeTarget) -> Bool {
        if target.securityGroupKeys.contains(where: exposure.allowsSecurityGroup) { return true }
        return exposure.cidrGrants.contains { $0.cidrs.contains(where: PrivateRanges.overlapsPrivate) }
    }
}

/// RFC 1918 and unique-local ranges, where cluster subnets live.
enum PrivateRanges {
    static let all = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"].compactMap { CIDR(parsing: $0) }

    static func overlapsPrivate(_ cidr: CIDR) -> Bool {
        all.contains { $0.overlaps(cidr) }
    }
}

extension ControlPlaneCannotReachKubeletCheck {
    /// Clusters whose control-plane groups are unknown, node groups whose groups are unknown, and
    /// 10250 rules on either side that may or may not let the control plane through.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        var gaps: [ExposureGap] = []
        for cluster in context.snapshot.eksClusters {
            let controlPlane = context.membership.controlPlane(of: cluster)
            let targets = context.membership.nodeGroups(of: cluster)
            guard !targets.isEmpty else { continue }
            if controlPlane.securityGroupKeys.isEmpty {
                let why = controlPlane.unresolved.map(CheckContext.describe).joined(separator: "; ")
                gaps.append(
                    ExposureGap(
                        provenance: cluster.provenance,
                        reason: "the control-plane security groups are unknown\(why.isEmpty ? "" : ": " + why)"))
                continue
            }
            for target in targets {
                let membership = context.membershipGaps(of: target)
                gaps += membership
                guard membership.isEmpty else { continue }
                gaps += context.exposureGaps(context.exposure.exposure(of: target, protocol: .tcp, port: 10250))
                gaps += context.exposureGaps(
                    context.exposure.exposure(
                        of: controlPlane.securityGroupKeys, direction: .egress,
                        protocol: .tcp, port: 10250))
            }
        }
        return undecided(gaps)
    }
}
