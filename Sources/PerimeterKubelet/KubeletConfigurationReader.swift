import PerimeterModel
import Yams

/// Reads a KubeletConfiguration (a file, a drop-in, or NodeConfig's `spec.kubelet.config`).
/// Unset fields stay nil: a configuration file's defaults are already safe (0, false, Webhook).
public enum KubeletConfigurationReader {
    public static func read(_ config: Node, file: String) -> (
        readOnlyPort: KubeletSetting<Int>?, anonymousAuth: KubeletSetting<Bool>?,
        authorizationMode: KubeletSetting<String>?
    ) {
        var readOnlyPort: KubeletSetting<Int>?
        if let entry = MarkedYAML.entry(config, "readOnlyPort"), let raw = entry.value.scalarText {
            readOnlyPort = KubeletSetting(
                value: KubeletFlags.resolveInt(raw), location: MarkedYAML.location(entry.key, file: file),
                text: "readOnlyPort: \(raw)")
        }
        var anonymousAuth: KubeletSetting<Bool>?
        if let entry = MarkedYAML.entry(MarkedYAML.value(config, "authentication", "anonymous"), "enabled"),
            let raw = entry.value.scalarText
        {
            anonymousAuth = KubeletSetting(
                value: KubeletFlags.resolveBool(raw), location: MarkedYAML.location(entry.key, file: file),
                text: "authentication.anonymous.enabled: \(raw)")
        }
        var authorizationMode: KubeletSetting<String>?
        if let entry = MarkedYAML.entry(MarkedYAML.value(config, "authorization"), "mode"), let raw = entry.value.scalarText {
            authorizationMode = KubeletSetting(
                value: KubeletFlags.resolveString(raw), location: MarkedYAML.location(entry.key, file: file),
                text: "authorization.mode: \(raw)")
        }
        return (readOnlyPort, anonymousAuth, authorizationMode)
    }

    /// `kind: KubeletConfiguration`, or a kubelet.config.k8s.io document written without a kind (drop-ins often are).
    public static func isKubeletConfiguration(_ document: Node) -> Bool {
        if let kind = MarkedYAML.value(document, "kind")?.scalarText { return kind == "KubeletConfiguration" }
        return (MarkedYAML.value(document, "apiVersion")?.scalarText ?? "").hasPrefix("kubelet.config.k8s.io/")
    }

    /// `kind: NodeConfig` of `node.eks.aws`.
    public static func isNodeConfig(_ document: Node) -> Bool {
        MarkedYAML.value(document, "kind")?.scalarText == "NodeConfig"
            && (MarkedYAML.value(document, "apiVersion")?.scalarText ?? "").hasPrefix("node.eks.aws")
    }

    /// An AL2023 NodeConfig: `spec.kubelet.config`, then `spec.kubelet.flags` on top (nodeadm passes flags last).
    public static func readNodeConfig(_ document: Node, file: String, into settings: inout KubeletSettings) {
        let kubelet = MarkedYAML.value(document, "spec", "kubelet")
        if let config = MarkedYAML.value(kubelet, "config") {
            let read = read(config, file: file)
            apply(read, to: &settings)
        }
        for flag in MarkedYAML.value(kubelet, "flags")?.sequenceItems ?? [] {
            guard let text = flag.scalarText else { continue }
            let mark = MarkedYAML.location(flag, file: file)
            let read = KubeletFlags.read(text) { _, _ in mark }
            apply(read, to: &settings)
        }
    }

    /// Puts what one source set on top of `settings`.
    public static func apply(
        _ read: (
            readOnlyPort: KubeletSetting<Int>?, anonymousAuth: KubeletSetting<Bool>?,
            authorizationMode: KubeletSetting<String>?
        ), to settings: inout KubeletSettings
    ) {
        settings.readOnlyPort = read.readOnlyPort ?? settings.readOnlyPort
        settings.anonymousAuth = read.anonymousAuth ?? settings.anonymousAuth
        settings.authorizationMode = read.authorizationMode ?? settings.authorizationMode
    }
}
