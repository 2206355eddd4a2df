import PerimeterModel

/// NET-011: the public endpoint is open to the whole internet.
public struct PublicEndpointOpenCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NET-011",
        slug: "eks-public-endpoint-open",
        title: "EKS API endpoint is public and open to the internet",
        severity: .critical,
        rationale: """
            With endpointPublicAccess on and publicAccessCidrs unset, empty or containing 0.0.0.0/0, anyone on the \
            internet reaches the Kubernetes API server. A leaked kubeconfig, an over-broad IAM mapping or an API \
            server vulnerability is then one step from cluster control.
            """,
        remediation: "Make the endpoint private-only, or at the very least restrict publicAccessCidrs to known egress addresses.",
        terraformFix: """
            vpc_config {
              endpoint_private_access = true
              endpoint_public_access  = false
            }
            """,
        references: [Reference.eksPrivateClusters, Reference.eksEndpointAccess],
        owasp: Reference.owaspNetworkSegmentation,
        cis: "CIS EKS 1.8.0 5.4.1"
    )

    public func run(_ context: CheckContext) -> [Finding] {
        context.snapshot.eksClusters.compactMap { cluster in
            guard case .known(true) = cluster.endpointPublicAccess else { return nil }
            let cidrs: [String]
            switch cluster.publicAccessCidrs {
            case nil: cidrs = []
            case .known(let known)?: cidrs = known
            case .unknown?: return nil
            }
            guard EndpointAccess.isOpenToInternet(cidrs) else { return nil }
            let source =
                cidrs.isEmpty ? "publicAccessCidrs unset (AWS default 0.0.0.0/0)" : "publicAccessCidrs = [\(cidrs.joined(separator: ", "))]"
            return finding(
                resource: cluster.provenance.resource, location: cluster.provenance.location,
                message: "public API endpoint of '\(Describe.name(cluster.name, fallback: cluster.key))' is open to the internet",
                evidence: ["endpointPublicAccess = true", source])
        }
    }
}

extension PublicEndpointOpenCheck {
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
