import PerimeterModel

/// GKE-001: the cluster default leaves the kubelet read-only port on for new node pools.
public struct GKEClusterDefaultReadOnlyPortCheck: Check {
    public init() {}

    public let description = CheckDescription(
        id: "GKE-001",
        slug: "gke-cluster-default-read-only-port",
        title: "GKE cluster default leaves the kubelet read-only port (10255) enabled",
        severity: .high,
        rationale: """
            The kubelet's read-only port serves pods, node stats and metrics over plain HTTP without authentication \
            or authorization. On a Standard cluster, nodePoolDefaults.nodeConfigDefaults.nodeKubeletConfig decides \
            what every new node pool gets; when insecureKubeletReadonlyPortEnabled is true or not set, GKE keeps the \
            legacy default and new pools open 10255.
            """,
        remediation: """
            Move the users of 10255 to 10250 first (see GKE-005), then: gcloud container clusters update CLUSTER \
            --location=LOCATION --no-enable-insecure-kubelet-readonly-port (GKE 1.26.4-gke.500 or later). Existing \
            node pools keep their own value: disable it on each (GKE-002).
            """,
        terraformFix: """
            node_pool_defaults {
              node_config_defaults {
                insecure_kubelet_readonly_port_enabled = "FALSE"
              }
            }
            """,
        references: [Reference.gkeHardening, Reference.gkeDisableReadOnlyPort, Reference.kubeletPorts],
        owasp: Reference.owaspClusterComponents,
        cis: "CIS GKE 1.6.0 3.2.4"
    )

    public func run(_ context: CheckContext) -> [Finding] {
        context.snapshot.gkeClusters.compactMap { cluster in
            // Autopilot clusters are GKE-003's; an unknown mode is not reported as fact.
            guard case .known(false) = cluster.autopilot else { return nil }
            let name = GKEReadOnlyPort.clusterName(cluster)
            switch GKEReadOnlyPort.state(cluster.nodePoolDefaults) {
            case .enabled(let location):
                return finding(
                    resource: cluster.provenance.resource, location: location ?? cluster.provenance.location,
                    message: "cluster '\(name)' enables the kubelet read-only port for new node pools",
                    evidence: ["nodePoolDefaults.nodeConfigDefaults.nodeKubeletConfig.insecureKubeletReadonlyPortEnabled = true"])
            case .unset(let location):
                return finding(
                    resource: cluster.provenance.resource, location: location ?? cluster.provenance.location,
                    message:
                        "cluster '\(name)' does not disable the kubelet read-only port for new node pools (unset: legacy default, enabled)",
                    evidence: [
                        cluster.nodePoolDefaults == nil
                            ? "no nodePoolDefaults.nodeConfigDefaults.nodeKubeletConfig"
                            : "nodeKubeletConfig without insecureKubeletReadonlyPortEnabled"
                    ])
            case .disabled, .unknown:
                return nil
            }
        }
    }
}

extension GKEClusterDefaultReadOnlyPortCheck: ReportsUndecided {
    /// Clusters whose default read-only port setting is unknown, or that might be Standard clusters with the port on.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        context.snapshot.gkeClusters.compactMap { cluster in
            let state = GKEReadOnlyPort.state(cluster.nodePoolDefaults)
            if case .disabled = state { return nil }
            if let reason = UnknownValue.reason(cluster.autopilot, "enable_autopilot") {
                return undecided(on: cluster.provenance, because: reason)
            }
            guard cluster.autopilot == .known(false), let reason = GKEReadOnlyPort.unknownReason(state, GKEReadOnlyPort.defaultsField)
            else { return nil }
            return undecided(on: cluster.provenance, because: reason)
        }
    }
}
