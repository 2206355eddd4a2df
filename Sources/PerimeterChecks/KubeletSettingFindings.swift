import PerimeterModel

/// How NODE-002..004 describe the source of a kubelet setting and the layer that gave it its value.
enum KubeletSource {
    static func describe(_ settings: KubeletSettings) -> String {
        switch settings.source {
        case .configFile: "KubeletConfiguration '\(settings.provenance.resource)'"
        case .flags: "kubelet flags in '\(settings.provenance.resource)'"
        case .nodeConfig: "nodeadm NodeConfig '\(settings.provenance.resource)'"
        case .userData: "user data of '\(settings.provenance.resource)'"
        case .commandLine: "the kubelet command line in '\(settings.provenance.resource)'"
        case .kubeletInfo: "kubescape KubeletInfo '\(settings.provenance.resource)'"
        }
    }

    /// `set by the --config file 'config.yaml' (line 7)`; empty for settings of older snapshots.
    static func layer<Value>(_ setting: KubeletSetting<Value>) -> String {
        guard let layer = setting.layer else { return "" }
        let line = setting.location.map { " (line \($0.line))" } ?? ""
        switch layer.kind {
        case .flagDefault, .configFileDefault: return ", set by \(layer.description)"
        default: return ", set by \(layer.description)\(line)"
        }
    }

    /// The evidence lines: what is written, and the layer that wins.
    static func evidence<Value>(_ setting: KubeletSetting<Value>) -> [String] {
        guard let layer = setting.layer else { return [setting.text] }
        return [setting.text, "layer: \(layer.description) (defaults ← --config file ← --config-dir drop-ins ← flags)"]
    }
}
