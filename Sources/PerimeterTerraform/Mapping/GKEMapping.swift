import PerimeterModel

/// `google_container_cluster` (with its inline node pools) and `google_container_node_pool`.
/// The read-only port flag is a string (`"TRUE"` / `"FALSE"`) in the provider; booleans are accepted too.
enum GKEMapping {
    static let readOnlyPortFlag = "insecure_kubelet_readonly_port_enabled"

    static func mapCluster(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        let key = instance.address
        let defaults = fields.block("node_pool_defaults", "node_config_defaults")
        let autoConfig = fields.block("node_pool_auto_config", "node_kubelet_config")
        context.snapshot.gkeClusters.append(
            GKECluster(
                key: key, provenance: fields.provenance(),
                name: fields.string("name") ?? .unknown("\(key): name is not set"),
                autopilot: fields.bool("enable_autopilot") ?? .known(false),
                // Written directly in node_config_defaults, or in its node_kubelet_config block.
                nodePoolDefaults: kubelet(defaults, defaults?.block("node_kubelet_config")),
                defaultPoolNodeConfig: kubelet(fields.block("node_config", "kubelet_config")),
                nodePoolAutoConfig: kubelet(autoConfig),
                autoProvisioning: fields.block("cluster_autoscaling")?.bool("enabled"),
                removeDefaultNodePool: fields.bool("remove_default_node_pool")))

        for block in fields.blocks("node_pool") {
            guard case .known(let pool) = block else { continue }
            context.snapshot.gkeNodePools.append(
                GKENodePool(
                    key: joinPath(key, pool.path), provenance: pool.provenance(), name: pool.string("name"),
                    cluster: .key(key), kubelet: kubelet(pool.block("node_config", "kubelet_config"))))
        }
    }

    static func mapNodePool(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        var name = fields.string("name")
        if name == nil, case .known(let prefix)? = fields.string("name_prefix") {
            name = .unknown("the name is generated from name_prefix '\(prefix)'")
        }
        context.snapshot.gkeNodePools.append(
            GKENodePool(
                key: instance.address, provenance: fields.provenance(), name: name,
                cluster: fields.reference("cluster", to: .gkeCluster) ?? .unknown("\(instance.address): cluster is not set"),
                kubelet: kubelet(fields.block("node_config", "kubelet_config"))))
    }

    /// The read-only port setting at one level, from the first block that sets it. A level whose block is
    /// written without the flag has settings with a nil flag (so a finding can point at the block); a level
    /// without any block is nil.
    private static func kubelet(_ candidates: Fields?...) -> GKEKubeletSettings? {
        for case let fields? in candidates {
            if let enabled = fields.bool(readOnlyPortFlag) {
                return GKEKubeletSettings(
                    insecureKubeletReadonlyPortEnabled: enabled,
                    location: MappingContext.location(in: fields.instance, path: fields.path(of: readOnlyPortFlag)))
            }
        }
        guard case let first?? = candidates.first else { return nil }
        return GKEKubeletSettings(location: first.location)
    }
}
