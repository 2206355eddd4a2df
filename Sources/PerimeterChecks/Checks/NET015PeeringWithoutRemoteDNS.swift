import PerimeterModel

/// NET-015: without remote DNS resolution, the private endpoint's name resolves to public IPs across the peering.
public struct PeeringWithoutRemoteDNSCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NET-015",
        slug: "peering-without-remote-dns",
        title: "VPC peering does not resolve private DNS names of the remote VPC",
        severity: .low,
        rationale: """
            Clients in a peered VPC resolve the EKS endpoint name through their own resolver. Unless \
            allow_remote_vpc_dns_resolution is on for both sides, the name resolves to the public addresses, so the \
            private endpoint is unusable from there (and traffic tries the public endpoint instead).
            """,
        remediation: "Enable allow_remote_vpc_dns_resolution on the requester and the accepter side of the peering.",
        terraformFix: """
            resource "aws_vpc_peering_connection_options" "this" {
              vpc_peering_connection_id = aws_vpc_peering_connection.this.id
              requester {
                allow_remote_vpc_dns_resolution = true
              }
              accepter {
                allow_remote_vpc_dns_resolution = true
              }
            }
            """,
        references: [Reference.eksPrivateClusters, Reference.vpcPeeringDNS],
        owasp: Reference.owaspNetworkSegmentation
    )

    public func run(_ context: CheckContext) -> [Finding] {
        context.snapshot.peeringConnections.compactMap { peering in
            var sides: [String] = []
            var evidence: [String] = []
            for (side, setting) in [("requester", peering.requesterAllowsRemoteDNS), ("accepter", peering.accepterAllowsRemoteDNS)] {
                switch setting {
                case .known(true)?, .unknown?: continue
                case .known(false)?: evidence.append("\(side): allow_remote_vpc_dns_resolution = false")
                case nil: evidence.append("\(side): allow_remote_vpc_dns_resolution not set (default false)")
                }
                sides.append(side)
            }
            guard !sides.isEmpty else { return nil }
            return finding(
                resource: peering.provenance.resource, location: peering.provenance.location,
                message:
                    "peering '\(peering.provenance.resource)' does not resolve remote private DNS on the \(sides.joined(separator: " and ")) side\(sides.count > 1 ? "s" : "")",
                evidence: evidence)
        }
    }
}

extension PeeringWithoutRemoteDNSCheck {
    /// Peerings whose remote DNS setting is unknown on a side.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        context.snapshot.peeringConnections.flatMap { peering in
            [("requester", peering.requesterAllowsRemoteDNS), ("accepter", peering.accepterAllowsRemoteDNS)].compactMap { side, setting in
                UnknownValue.reason(setting, "\(side) allow_remote_vpc_dns_resolution").map {
                    undecided(on: peering.provenance, because: $0)
                }
            }
        }
    }
}
