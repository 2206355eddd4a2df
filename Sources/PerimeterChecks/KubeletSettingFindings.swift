import PerimeterModel

/// How NODE-002..004 describe the source of a kubelet setting.
enum KubeletSource {
    static func describe(_ settings: KubeletSettings) -> String {
        switch settings.source {
        case .configFile: "KubeletConfiguration '\(settings.provenance.resource)'"
        case .flags: "kubelet flags in '\(settings.provenance.resource)'"
        case .nodeConfig: "nodeadm NodeConfig '\(settings.provenance.resource)'"
        case .userData: "user data of '\(settings.provenance.resource)'"
        }
    }
}
