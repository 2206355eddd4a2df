import PerimeterModel

/// GKE-005: something still uses the read-only port, so disabling it would break it.
public struct ReadOnlyPortInUseCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "GKE-005",
        slug: "kubelet-read-only-port-in-use",
        title: "The kubelet read-only port (10255) is still in use",
        severity: .medium,
        rationale: """
            Before 10255 can be disabled its users must move to the authenticated port 10250. A kubelet /metrics \
            dump with kubelet_http_requests_total{server_type="readonly"} above zero shows requests on the port \
            (the path label names the endpoints: metrics, pods, stats); a workload whose command, args, env, probes \
            or ports name 10255 is one of the callers.
            """,
        remediation: """
            Change http://NODE:10255 to https://NODE:10250, trust the cluster CA (masterAuth.clusterCaCertificate), send \
            the service account token and grant nodes/metrics or nodes/stats with RBAC. For /pods use the Kubernetes \
            API with a fieldSelector on spec.nodeName instead of nodes/proxy.
            """,
        references: [Reference.gkeHardening, Reference.gkeDisableReadOnlyPort, Reference.kubeletAuthentication],
        owasp: Reference.owaspClusterComponents
    )

    public func run(_ context: CheckContext) -> [Finding] {
        context.snapshot.readOnlyPortUses.compactMap { use in
            guard case .known(10255) = use.port else { return nil }
            switch use.kind {
            case .metrics:
                return finding(
                    resource: use.provenance.resource, location: use.provenance.location,
                    message: "the kubelet served read-only port requests: \(use.text)",
                    evidence: ["kubelet_http_requests_total{server_type=\"readonly\"} by path: \(use.text)"])
            case .workload:
                return finding(
                    resource: use.provenance.resource, location: use.provenance.location,
                    message: "'\(use.provenance.resource)' calls the kubelet read-only port in \(use.field)",
                    evidence: [use.text])
            }
        }
    }
}

extension ReadOnlyPortInUseCheck {
    /// Uses whose port cannot be read (a `$(PORT)` from a field perimeter does not see, a metric that is not a number).
    public func undecided(_ context: CheckContext) -> [Undecided] {
        context.snapshot.readOnlyPortUses.compactMap { use in
            UnknownValue.reason(use.port, "the port in \(use.field)").map { undecided(on: use.provenance, because: $0) }
        }
    }
}
