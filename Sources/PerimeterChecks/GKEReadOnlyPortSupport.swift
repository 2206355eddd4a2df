import PerimeterModel

/// Shared reading of GKE's `insecureKubeletReadonlyPortEnabled` at one level.
enum GKEReadOnlyPort {
    enum State {
        case enabled(SourceLocation?)
        case unset(SourceLocation?)
        case disabled
        /// Why the value is not known.
        case unknown(String)
    }

    static func state(_ settings: GKEKubeletSettings?) -> State {
        switch settings?.insecureKubeletReadonlyPortEnabled {
        case .known(true)?: .enabled(settings?.location)
        case .known(false)?: .disabled
        case .unknown(let why)?: .unknown(why)
        case nil: .unset(settings?.location)
        }
    }

    /// The undecided reason when the level's setting is unknown: `FIELD is unknown: why`.
    static func unknownReason(_ state: State, _ field: String) -> String? {
        guard case .unknown(let why) = state else { return nil }
        return "\(field) is unknown: \(why)"
    }

    static let defaultsField = "nodePoolDefaults.nodeConfigDefaults.nodeKubeletConfig.insecureKubeletReadonlyPortEnabled"
    static let autoConfigField = "nodePoolAutoConfig.nodeKubeletConfig.insecureKubeletReadonlyPortEnabled"
    static let poolField = "kubeletConfig.insecureKubeletReadonlyPortEnabled"

    static func clusterName(_ cluster: GKECluster) -> String {
        Describe.name(cluster.name, fallback: cluster.provenance.resource)
    }
}
