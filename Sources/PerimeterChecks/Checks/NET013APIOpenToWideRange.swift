import PerimeterAnalysis
import PerimeterModel

/// NET-013: the private API endpoint admits the internet or a huge range on 443.
public struct APIOpenToWideRangeCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NET-013",
        slug: "api-endpoint-open-to-wide-range",
        title: "API server (443/tcp) allowed on the cluster security group from the internet or a /8 or broader",
        severity: .high,
        rationale: """
            The cluster security group guards the private API endpoint. A source of 0.0.0.0/0, ::/0 or a range \
            as wide as a /8 admits far more than the VPN or peered networks that need it, and undoes the point \
            of a private-only endpoint.
            """,
        remediation: "Allow 443 only from the nodes' security group and the specific client networks (the VPN VPC CIDR).",
        terraformFix: """
            resource "aws_security_group_rule" "cluster_private_endpoint_ingress" {
              for_each          = toset(var.cluster_private_endpoint_access_cidrs) # e.g. ["172.31.0.0/16"]
              type              = "ingress"
              security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
              protocol          = "tcp"
              from_port         = 443
              to_port           = 443
              cidr_blocks       = [each.value]
            }
            """,
        references: [Reference.eksPrivateClusters, Reference.eksEndpointAccess],
        owasp: Reference.owaspNetworkSegmentation,
        cis: "CIS EKS 1.8.0 5.4.1"
    )

    public func run(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        var reported = Set<Int>()
        for cluster in context.snapshot.eksClusters {
            let groups = context.membership.controlPlaneGroups(of: cluster)
            let exposure = context.exposure.exposure(of: groups, protocol: .tcp, port: 443)
            for grant in exposure.cidrGrants where grant.cidrs.contains(where: { $0.prefixLength <= 8 }) {
                guard reported.insert(grant.ruleIndex).inserted else { continue }
                let wide = grant.cidrs.filter { $0.prefixLength <= 8 }.map(\.description)
                findings.append(
                    finding(
                        resource: grant.resource, location: grant.location,
                        message:
                            "\(grant.description) admits \(wide.joined(separator: ", ")) to the API endpoint of '\(Describe.name(cluster.name, fallback: cluster.key))'",
                        evidence: ["\(grant.description) (\(Describe.location(grant.location)))"]))
            }
        }
        return findings
    }
}

extension APIOpenToWideRangeCheck {
    /// Clusters whose control-plane groups are unknown, and 443 rules on them of unknown source, protocol or ports.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        var gaps: [ExposureGap] = []
        for cluster in context.snapshot.eksClusters {
            let controlPlane = context.membership.controlPlane(of: cluster)
            gaps += controlPlane.unresolved.map {
                ExposureGap(provenance: cluster.provenance, reason: CheckContext.describe($0))
            }
            gaps += context.exposureGaps(context.exposure.exposure(of: controlPlane.securityGroupKeys, protocol: .tcp, port: 443))
        }
        return undecided(gaps)
    }
}
