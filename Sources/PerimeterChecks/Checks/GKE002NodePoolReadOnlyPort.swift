import PerimeterModel

/// GKE-002: a node pool whose own kubelet setting leaves the read-only port on.
public struct GKENodePoolReadOnlyPortCheck: Check {
    public init() {}

    public let description = CheckDescription(
        id: "GKE-002",
        slug: "gke-node-pool-read-only-port",
        title: "GKE node pool has the kubelet read-only port (10255) enabled",
        severity: .high,
        rationale: """
            Each node pool keeps its own config.kubeletConfig. A pool created before the cluster default was changed \
            keeps the port open: GKE does not update existing pools. In the GKE API an unset value on a pool is the \
            legacy default (enabled). In Terraform, a pool without the setting takes the cluster default when it is \
            created, so it is reported only when that default is not "FALSE". The deprecated top-level nodeConfig \
            of the default pool is reported when Terraform sets it to true, unless remove_default_node_pool deletes that pool.
            """,
        remediation: """
            gcloud container node-pools update POOL --cluster=CLUSTER --location=LOCATION \
            --no-enable-insecure-kubelet-readonly-port (after moving the port's users to 10250).
            """,
        terraformFix: """
            node_config {
              kubelet_config {
                insecure_kubelet_readonly_port_enabled = "FALSE"
              }
            }
            """,
        references: [Reference.gkeHardening, Reference.gkeDisableReadOnlyPort, Reference.kubeletPorts],
        owasp: Reference.owaspClusterComponents,
        cis: "CIS GKE 1.6.0 3.2.4"
    )

    public func run(_ context: CheckContext) -> [Finding] {
        let clusters = Dictionary(context.snapshot.gkeClusters.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var findings: [Finding] = []
        for cluster in context.snapshot.gkeClusters where cluster.autopilot == .known(false) {
            // In the API, nodeConfig mirrors the default pool, which is reported as a pool.
            let hasLivePools = context.snapshot.gkeNodePools.contains {
                $0.cluster.knownKey == cluster.key && $0.describesLiveState == true
            }
            // `remove_default_node_pool = true` deletes the default pool once the cluster exists: its nodeConfig is no pool.
            // Unknown whether it is removed: not reported as fact.
            let defaultPoolKept = cluster.removeDefaultNodePool == nil || cluster.removeDefaultNodePool == .known(false)
            if !hasLivePools, defaultPoolKept, case .enabled(let location) = GKEReadOnlyPort.state(cluster.defaultPoolNodeConfig) {
                let name = GKEReadOnlyPort.clusterName(cluster)
                findings.append(
                    finding(
                        resource: cluster.provenance.resource, location: location ?? cluster.provenance.location,
                        message: "the default node pool of cluster '\(name)' enables the kubelet read-only port",
                        evidence: ["node_config.kubelet_config.insecure_kubelet_readonly_port_enabled = true"]))
            }
        }
        for pool in context.snapshot.gkeNodePools {
            let cluster = pool.cluster.knownKey.flatMap { clusters[$0] }
            if let cluster, cluster.autopilot != .known(false) { continue }
            let name = "\(pool.provenance.resource)"
            switch GKEReadOnlyPort.state(pool.kubelet) {
            case .enabled(let location):
                findings.append(
                    finding(
                        resource: pool.provenance.resource, location: location ?? pool.provenance.location,
                        message: "node pool '\(poolName(pool))' enables the kubelet read-only port",
                        evidence: ["\(name): kubeletConfig.insecureKubeletReadonlyPortEnabled = true"]))
            case .unset(let location):
                if pool.describesLiveState == true {
                    findings.append(
                        finding(
                            resource: pool.provenance.resource, location: location ?? pool.provenance.location,
                            message:
                                "node pool '\(poolName(pool))' keeps the kubelet read-only port enabled (unset on the pool: legacy default; cluster changes do not reach existing pools)",
                            evidence: ["config.kubeletConfig.insecureKubeletReadonlyPortEnabled is not set"]))
                    continue
                }
                // Configuration: the pool takes the cluster default when it is created.
                guard let cluster else { continue }
                switch GKEReadOnlyPort.state(cluster.nodePoolDefaults) {
                case .enabled, .unset:
                    findings.append(
                        finding(
                            resource: pool.provenance.resource, location: location ?? pool.provenance.location,
                            message:
                                "node pool '\(poolName(pool))' does not disable the kubelet read-only port, and its cluster's default does not either",
                            evidence: [
                                "node_config.kubelet_config.insecure_kubelet_readonly_port_enabled is not set",
                                "cluster '\(GKEReadOnlyPort.clusterName(cluster))' default: not \"FALSE\""
                            ]))
                case .disabled, .unknown:
                    continue
                }
            case .disabled, .unknown:
                continue
            }
        }
        return findings
    }

    private func poolName(_ pool: GKENodePool) -> String {
        Describe.name(pool.name, fallback: pool.key)
    }
}

extension GKENodePoolReadOnlyPortCheck: ReportsUndecided {
    /// Default pools and node pools whose read-only port, cluster, cluster mode or cluster default is unknown
    /// where that value decides the verdict.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        let clusters = Dictionary(context.snapshot.gkeClusters.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var list = UndecidedList()
        for cluster in context.snapshot.gkeClusters where cluster.autopilot != .known(true) {
            let hasLivePools = context.snapshot.gkeNodePools.contains {
                $0.cluster.knownKey == cluster.key && $0.describesLiveState == true
            }
            let state = GKEReadOnlyPort.state(cluster.defaultPoolNodeConfig)
            guard !hasLivePools, cluster.removeDefaultNodePool != .known(true) else { continue }
            if case .disabled = state { continue }
            if case .unset = state { continue }
            // The port is on or unknown in the default pool: what else is unknown decides.
            let reason =
                GKEReadOnlyPort.unknownReason(state, "node_config.kubelet_config.insecure_kubelet_readonly_port_enabled")
                ?? UnknownValue.reason(cluster.removeDefaultNodePool, "remove_default_node_pool")
                ?? UnknownValue.reason(cluster.autopilot, "enable_autopilot")
            if let reason { list.add(undecided(on: cluster.provenance, because: reason)) }
        }
        for pool in context.snapshot.gkeNodePools {
            let cluster = pool.cluster.knownKey.flatMap { clusters[$0] }
            if let cluster, cluster.autopilot == .known(true) { continue }
            if let reason = reason(pool, cluster: cluster) { list.add(undecided(on: pool.provenance, because: reason)) }
        }
        return list.entries
    }

    /// Why the pool's verdict cannot be decided, or nil when it can.
    private func reason(_ pool: GKENodePool, cluster: GKECluster?) -> String? {
        let state = GKEReadOnlyPort.state(pool.kubelet)
        if case .disabled = state { return nil }
        if let reason = GKEReadOnlyPort.unknownReason(state, GKEReadOnlyPort.poolField) { return reason }
        let inherits: Bool
        if case .unset = state, pool.describesLiveState != true { inherits = true } else { inherits = false }
        guard inherits else {
            // On, or unset in the API: a finding on a Standard cluster.
            return cluster.flatMap { UnknownValue.reason($0.autopilot, "enable_autopilot of its cluster") }
        }
        guard let cluster else {
            switch pool.cluster {
            case .unknown(let why): return "cluster is unknown: \(why)"
            case .external(let name): return "the default of cluster '\(name)' decides, and that cluster is not in the inputs"
            case .key: return nil
            }
        }
        if case .disabled = GKEReadOnlyPort.state(cluster.nodePoolDefaults) { return nil }
        return GKEReadOnlyPort.unknownReason(
            GKEReadOnlyPort.state(cluster.nodePoolDefaults), "the cluster's \(GKEReadOnlyPort.defaultsField)")
            ?? UnknownValue.reason(cluster.autopilot, "enable_autopilot of its cluster")
    }
}
