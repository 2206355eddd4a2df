/// The kubelet settings GKE exposes at one level (cluster defaults, a node pool, auto-provisioning).
public struct GKEKubeletSettings: Codable, Hashable, Sendable {
    /// nil: not set at this level.
    public var insecureKubeletReadonlyPortEnabled: Resolved<Bool>?
    public var location: SourceLocation?

    public init(insecureKubeletReadonlyPortEnabled: Resolved<Bool>? = nil, location: SourceLocation? = nil) {
        self.insecureKubeletReadonlyPortEnabled = insecureKubeletReadonlyPortEnabled
        self.location = location
    }
}

public struct GKECluster: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var name: Resolved<String>
    public var autopilot: Resolved<Bool>
    /// `nodePoolDefaults.nodeConfigDefaults.nodeKubeletConfig` / `node_pool_defaults.node_config_defaults`.
    public var nodePoolDefaults: GKEKubeletSettings?
    /// The deprecated top-level `nodeConfig` of the default pool.
    public var defaultPoolNodeConfig: GKEKubeletSettings?
    /// `nodePoolAutoConfig.nodeKubeletConfig`, for Autopilot and auto-provisioned pools.
    public var nodePoolAutoConfig: GKEKubeletSettings?
    public var autoProvisioning: Resolved<Bool>?
    /// Terraform's `remove_default_node_pool`: the default pool (and so `nodeConfig`) is deleted once the cluster exists.
    public var removeDefaultNodePool: Resolved<Bool>?

    public init(
        key: String, provenance: Provenance, name: Resolved<String>, autopilot: Resolved<Bool> = .known(false),
        nodePoolDefaults: GKEKubeletSettings? = nil, defaultPoolNodeConfig: GKEKubeletSettings? = nil,
        nodePoolAutoConfig: GKEKubeletSettings? = nil, autoProvisioning: Resolved<Bool>? = nil,
        removeDefaultNodePool: Resolved<Bool>? = nil
    ) {
        self.key = key
        self.provenance = provenance
        self.name = name
        self.autopilot = autopilot
        self.nodePoolDefaults = nodePoolDefaults
        self.defaultPoolNodeConfig = defaultPoolNodeConfig
        self.nodePoolAutoConfig = nodePoolAutoConfig
        self.autoProvisioning = autoProvisioning
        self.removeDefaultNodePool = removeDefaultNodePool
    }
}

public struct GKENodePool: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var name: Resolved<String>?
    public var cluster: ObjectRef
    public var kubelet: GKEKubeletSettings?
    /// True when read from the GKE API (gcloud): an unset flag is then the pool's real, legacy value (port on),
    /// whatever the cluster default says now. nil or false for configuration (Terraform), where a pool
    /// without the flag takes the cluster default when it is created.
    public var describesLiveState: Bool?

    public init(
        key: String, provenance: Provenance, name: Resolved<String>? = nil, cluster: ObjectRef,
        kubelet: GKEKubeletSettings? = nil, describesLiveState: Bool? = nil
    ) {
        self.key = key
        self.provenance = provenance
        self.name = name
        self.cluster = cluster
        self.kubelet = kubelet
        self.describesLiveState = describesLiveState
    }
}

public struct GCPFirewall: Codable, Hashable, Sendable {
    public struct Permission: Codable, Hashable, Sendable {
        public var ipProtocol: Resolved<IPProtocol>
        /// Empty: every port of the protocol.
        public var ports: Resolved<[PortRange]>

        public init(ipProtocol: Resolved<IPProtocol>, ports: Resolved<[PortRange]>) {
            self.ipProtocol = ipProtocol
            self.ports = ports
        }
    }

    public var key: String
    public var provenance: Provenance
    public var name: Resolved<String>
    public var direction: TrafficDirection
    public var disabled: Resolved<Bool>
    public var allowed: [Permission]
    public var denied: [Permission]
    public var sourceRanges: Resolved<[String]>
    public var targetTags: Resolved<[String]>
    public var priority: Resolved<Int>
    /// The VPC network the rule belongs to: its name (`.external`, from a gcloud URL or a literal) or the key of
    /// the `google_compute_network` in the input. nil: not recorded (older snapshots).
    public var network: ObjectRef?
    /// `targetServiceAccounts` / `target_service_accounts`; nil or empty: none (the rule may use tags or apply to all).
    public var targetServiceAccounts: Resolved<[String]>?

    public init(
        key: String, provenance: Provenance, name: Resolved<String>, direction: TrafficDirection = .ingress,
        disabled: Resolved<Bool> = .known(false), allowed: [Permission] = [], denied: [Permission] = [],
        sourceRanges: Resolved<[String]> = .known([]), targetTags: Resolved<[String]> = .known([]),
        priority: Resolved<Int> = .known(1000), network: ObjectRef? = nil, targetServiceAccounts: Resolved<[String]>? = nil
    ) {
        self.key = key
        self.provenance = provenance
        self.name = name
        self.direction = direction
        self.disabled = disabled
        self.allowed = allowed
        self.denied = denied
        self.sourceRanges = sourceRanges
        self.targetTags = targetTags
        self.priority = priority
        self.network = network
        self.targetServiceAccounts = targetServiceAccounts
    }
}
