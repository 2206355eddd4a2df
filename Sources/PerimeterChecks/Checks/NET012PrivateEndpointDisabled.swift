import PerimeterModel

/// NET-012: no private endpoint, so nodes and operators inside the VPC go out to the public one.
public struct PrivateEndpointDisabledCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NET-012",
        slug: "eks-private-endpoint-disabled",
        title: "EKS private API endpoint is disabled",
        severity: .high,
        rationale: """
            Without endpointPrivateAccess, nodes and in-VPC clients reach the API server through its public \
            endpoint: the public endpoint can never be turned off, and node traffic leaves the VPC.
            """,
        remediation: "Enable the private endpoint (and allow 443 to the cluster security group from nodes and operator networks).",
        terraformFix: """
            vpc_config {
              endpoint_private_access = true
            }
            """,
        references: [Reference.eksPrivateClusters, Reference.eksEndpointAccess],
        owasp: Reference.owaspNetworkSegmentation,
        cis: "CIS EKS 1.8.0 5.4.2"
    )

    public func run(_ context: CheckContext) -> [Finding] {
        context.snapshot.eksClusters.compactMap { cluster in
            guard case .known(false) = cluster.endpointPrivateAccess else { return nil }
            return finding(
                resource: cluster.provenance.resource, location: cluster.provenance.location,
                message: "private API endpoint of '\(Describe.name(cluster.name, fallback: cluster.key))' is disabled",
                evidence: ["endpointPrivateAccess = false"])
        }
    }
}

extension PrivateEndpointDisabledCheck {
    /// Clusters whose private endpoint flag is unknown.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        context.snapshot.eksClusters.compactMap { cluster in
            UnknownValue.reason(cluster.endpointPrivateAccess, "endpoint_private_access").map {
                undecided(on: cluster.provenance, because: $0)
            }
        }
    }
}
