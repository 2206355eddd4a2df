import PerimeterModel

/// Shared reading of GKE's `insecureKubeletReadonlyPortEnabled` at one level.
enum GKEReadOnlyPort {
    enum State {
        case enabled(SourceLocation?)
        case unset(SourceLocation?)
        case disabled
        case unknown
    }

    static func state(_ settings: GKEKubeletSettings?) -> State {
        switch settings?.insecureKubeletReadonlyPortEnabled {
        case .known(true)?: .enabled(settings?.location)
        case .known(false)?: .disabled
        case .unknown?: .unknown
        case nil: .unset(settings?.location)
        }
    }

    static func clusterName(_ cluster: GKECluster) -> String {
        Describe.name(cluster.name, fallback: cluster.provenance.resource)
    }
}
