import PerimeterModel

/// NET-010: the public endpoint is on, limited to some CIDRs. Better than open, still a public attack surface.
public struct PublicEndpointRestrictedCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NET-010",
        slug: "eks-public-endpoint-restricted",
        title: "EKS API endpoint is public, restricted to some CIDRs",
        severity: .medium,
        rationale: """
            While endpointPublicAccess is on, the Kubernetes API server answers on the internet for every address \
            in publicAccessCidrs. Everyone who shares that egress IP reaches the authentication surface, and \
            exceptions tend to widen during incidents. A private-only endpoint limits it to the VPC and connected networks.
            """,
        remediation: """
            Turn the public endpoint off and reach the private endpoint through a VPN, peering or a bastion \
            (allow 443 on the cluster security group from that network, keep DNS resolution working).
            """,
        terraformFix: """
            vpc_config {
              endpoint_private_access = true
              endpoint_public_access  = false
            }
            """,
        references: [Reference.eksPrivateClusters, Reference.eksEndpointAccess],
        owasp: Reference.owaspNetworkSegmentation,
        cis: "CIS EKS 1.8.0 5.4.2"
    )

    public func run(_ context: CheckContext) -> [Finding] {
        context.snapshot.eksClusters.compactMap { cluster in
            guard case .known(true) = cluster.endpointPublicAccess,
                case .known(let cidrs)? = cluster.publicAccessCidrs,
                !EndpointAccess.isOpenToInternet(cidrs)
            else { return nil }
            return finding(
                resource: cluster.provenance.resource, location: cluster.provenance.location,
                message:
                    "public API endpoint enabled on '\(Describe.name(cluster.name, fallback: cluster.key))', reachable from \(cidrs.joined(separator: ", "))",
                evidence: ["endpointPublicAccess = true", "publicAccessCidrs = [\(cidrs.joined(separator: ", "))]"])
        }
    }
}

/// What publicAccessCidrs means: unset or empty is AWS's default, the whole internet.
enum EndpointAccess {
    static func isOpenToInternet(_ cidrs: [String]) -> Bool {
        cidrs.isEmpty || cidrs.contains { $0.hasSuffix("/0") }
    }
}

extension PublicEndpointRestrictedCheck {
    /// Clusters whose public endpoint flag, or whose public CIDRs while the endpoint is public, are unknown.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        context.snapshot.eksClusters.compactMap { cluster in
            let reason =
                UnknownValue.reason(cluster.endpointPublicAccess, "endpoint_public_access")
                ?? (cluster.endpointPublicAccess == .known(true)
                    ? UnknownValue.reason(cluster.publicAccessCidrs, "public_access_cidrs") : nil)
            return reason.map { undecided(on: cluster.provenance, because: $0) }
        }
    }
}
