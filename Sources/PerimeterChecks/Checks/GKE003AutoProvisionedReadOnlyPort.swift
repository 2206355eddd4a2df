import PerimeterModel

/// GKE-003: Autopilot or auto-provisioned node pools with the read-only port on.
public struct GKEAutoProvisionedReadOnlyPortCheck: Check {
    public init() {}

    public let description = CheckDescription(
        id: "GKE-003",
        slug: "gke-autopilot-read-only-port",
        title: "GKE Autopilot / auto-provisioned node pools have the kubelet read-only port (10255) enabled",
        severity: .high,
        rationale: """
            Autopilot clusters and node auto-provisioning create node pools from nodePoolAutoConfig.nodeKubeletConfig. \
            On Autopilot, true or unset leaves 10255 open on every node. On a Standard cluster with node \
            auto-provisioning, auto-provisioned pools take nodePoolAutoConfig's own setting, else the cluster default \
            (nodePoolDefaults), else GKE's legacy default: enabled.
            """,
        remediation: """
            gcloud container clusters update CLUSTER --location=LOCATION \
            --no-autoprovisioning-enable-insecure-kubelet-readonly-port (new and existing nodes stop serving the port).
            """,
        terraformFix: """
            node_pool_auto_config {
              node_kubelet_config {
                insecure_kubelet_readonly_port_enabled = "FALSE"
              }
            }
            """,
        references: [Reference.gkeHardening, Reference.gkeDisableReadOnlyPort],
        owasp: Reference.owaspClusterComponents,
        cis: "CIS GKE 1.6.0 3.2.4"
    )

    public func run(_ context: CheckContext) -> [Finding] {
        context.snapshot.gkeClusters.compactMap { cluster in
            let name = GKEReadOnlyPort.clusterName(cluster)
            switch cluster.autopilot {
            case .known(true):
                return autopilot(cluster, name: name)
            case .known(false):
                return autoProvisioned(cluster, name: name)
            case .unknown:
                return nil
            }
        }
    }

    private func autopilot(_ cluster: GKECluster, name: String) -> Finding? {
        switch GKEReadOnlyPort.state(cluster.nodePoolAutoConfig) {
        case .enabled(let location):
            return finding(
                resource: cluster.provenance.resource, location: location ?? cluster.provenance.location,
                message: "cluster '\(name)' enables the kubelet read-only port on Autopilot node pools",
                evidence: ["nodePoolAutoConfig.nodeKubeletConfig.insecureKubeletReadonlyPortEnabled = true"])
        case .unset(let location):
            return finding(
                resource: cluster.provenance.resource, location: location ?? cluster.provenance.location,
                message: "Autopilot cluster '\(name)' does not disable the kubelet read-only port (unset: legacy default, enabled)",
                evidence: [
                    cluster.nodePoolAutoConfig == nil
                        ? "no nodePoolAutoConfig.nodeKubeletConfig"
                        : "nodeKubeletConfig without insecureKubeletReadonlyPortEnabled"
                ])
        case .disabled, .unknown:
            return nil
        }
    }

    /// Standard: nodePoolAutoConfig's own setting wins; without one, auto-provisioned pools take the cluster default;
    /// with neither, GKE's legacy default (enabled). nodePoolAutoConfig true is reported even with auto-provisioning
    /// off, since turning it on later creates such pools.
    private func autoProvisioned(_ cluster: GKECluster, name: String) -> Finding? {
        if case .enabled(let location) = GKEReadOnlyPort.state(cluster.nodePoolAutoConfig) {
            return finding(
                resource: cluster.provenance.resource, location: location ?? cluster.provenance.location,
                message: "cluster '\(name)' enables the kubelet read-only port on auto-provisioned node pools",
                evidence: ["nodePoolAutoConfig.nodeKubeletConfig.insecureKubeletReadonlyPortEnabled = true"])
        }
        guard case .known(true)? = cluster.autoProvisioning else { return nil }
        guard case .unset(let autoLocation) = GKEReadOnlyPort.state(cluster.nodePoolAutoConfig) else { return nil }
        switch GKEReadOnlyPort.state(cluster.nodePoolDefaults) {
        case .enabled(let location):
            return finding(
                resource: cluster.provenance.resource, location: autoLocation ?? location ?? cluster.provenance.location,
                message:
                    "auto-provisioned node pools of cluster '\(name)' inherit the cluster default, which enables the kubelet read-only port",
                evidence: [
                    "autoscaling.enableNodeAutoprovisioning = true",
                    "nodePoolAutoConfig.nodeKubeletConfig.insecureKubeletReadonlyPortEnabled is not set",
                    "nodePoolDefaults.nodeConfigDefaults.nodeKubeletConfig.insecureKubeletReadonlyPortEnabled = true"
                ])
        case .unset:
            return finding(
                resource: cluster.provenance.resource, location: autoLocation ?? cluster.provenance.location,
                message:
                    "auto-provisioned node pools of cluster '\(name)' keep the kubelet read-only port enabled (neither nodePoolAutoConfig nor the cluster default disables it: legacy default)",
                evidence: [
                    "autoscaling.enableNodeAutoprovisioning = true",
                    "nodePoolAutoConfig.nodeKubeletConfig.insecureKubeletReadonlyPortEnabled is not set",
                    "nodePoolDefaults.nodeConfigDefaults.nodeKubeletConfig.insecureKubeletReadonlyPortEnabled is not set"
                ])
        case .disabled, .unknown:
            return nil
        }
    }
}

extension GKEAutoProvisionedReadOnlyPortCheck: ReportsUndecided {
    /// Clusters whose mode, auto-provisioning or read-only port settings are unknown where they decide the verdict.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        context.snapshot.gkeClusters.compactMap { cluster in
            reason(cluster).map { undecided(on: cluster.provenance, because: $0) }
        }
    }

    private func reason(_ cluster: GKECluster) -> String? {
        let auto = GKEReadOnlyPort.state(cluster.nodePoolAutoConfig)
        if case .disabled = auto { return nil }
        if let reason = UnknownValue.reason(cluster.autopilot, "enable_autopilot") { return reason }
        if let reason = GKEReadOnlyPort.unknownReason(auto, GKEReadOnlyPort.autoConfigField) { return reason }
        // Autopilot, or nodePoolAutoConfig on: decided. Standard with nodePoolAutoConfig unset: the cluster default decides.
        guard cluster.autopilot == .known(false), case .unset = auto else { return nil }
        let defaults = GKEReadOnlyPort.state(cluster.nodePoolDefaults)
        switch cluster.autoProvisioning {
        case .unknown(let why)?:
            if case .disabled = defaults { return nil }
            return "cluster_autoscaling.enabled (node auto-provisioning) is unknown: \(why)"
        case .known(true)?:
            return GKEReadOnlyPort.unknownReason(defaults, GKEReadOnlyPort.defaultsField)
        default:
            return nil
        }
    }
}
