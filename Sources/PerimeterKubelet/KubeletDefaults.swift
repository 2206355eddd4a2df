import PerimeterModel

/// The kubelet's compiled-in values of the three settings, and which set applies.
///
/// Read in the Kubernetes sources (found with the `search` tool, corpus code/docs):
/// - `cmd/kubelet/app/options/options.go`, `NewKubeletConfiguration` + `applyLegacyDefaults`: a kubelet started
///   without a config file keeps the legacy flag defaults: `Authentication.Anonymous.Enabled = true`,
///   `Authentication.Webhook.Enabled = false`, `Authorization.Mode = AlwaysAllow`, `ReadOnlyPort = 10255`.
/// - `pkg/kubelet/apis/config/v1beta1/defaults.go`, `SetDefaults_KubeletConfiguration`: a loaded file gets
///   `anonymous.enabled = false`, `webhook.enabled = true`, `authorization.mode = Webhook`; `readOnlyPort` is not
///   defaulted, so it stays 0 (off). kubernetes/kubernetes#64187: "ReadOnlyPort is already 0 by default when you
///   load a config from a file ... we maintain the old defaults for flags via applyLegacyDefaults". Both sets
///   have been the same since v1beta1 (1.10) through 1.35.
/// - `cmd/kubelet/app/server.go`: `loadConfigFile(--config)` (file defaults), then `mergeKubeletConfigurations
///   (--config-dir)`: every `*.conf` file in lexical order as a JSON merge patch over the result (with
///   `--config-dir` alone, over the legacy-defaulted configuration), then `kubeletConfigFlagPrecedence`
///   re-parses the command line over it: flags win. `--config-dir` exists from 1.28 (alpha), beta in 1.30,
///   GA in 1.35 (KEP-3983).
public enum KubeletDefaults {
    public static let dropInDirectoryMinimumMinor = 28

    public static func readOnlyPort(_ kind: KubeletLayer.Kind) -> Int { kind == .flagDefault ? 10255 : 0 }
    public static func anonymousAuth(_ kind: KubeletLayer.Kind) -> Bool { kind == .flagDefault }
    public static func authorizationMode(_ kind: KubeletLayer.Kind) -> String { kind == .flagDefault ? "AlwaysAllow" : "Webhook" }

    /// The three defaults as settings of one layer, placed at `location` (the command line that starts the kubelet).
    public static func settings(_ kind: KubeletLayer.Kind, location: SourceLocation?)
        -> (readOnlyPort: KubeletSetting<Int>?, anonymousAuth: KubeletSetting<Bool>?, authorizationMode: KubeletSetting<String>?)
    {
        let layer = KubeletLayer(kind: kind)
        let origin = kind == .flagDefault ? "default without --config" : "KubeletConfiguration default"
        return (
            KubeletSetting(
                value: .known(readOnlyPort(kind)), location: location,
                text: "readOnlyPort: \(readOnlyPort(kind)) (\(origin))", layer: layer),
            KubeletSetting(
                value: .known(anonymousAuth(kind)), location: location,
                text: "authentication.anonymous.enabled: \(anonymousAuth(kind)) (\(origin))", layer: layer),
            KubeletSetting(
                value: .known(authorizationMode(kind)), location: location,
                text: "authorization.mode: \(authorizationMode(kind)) (\(origin))", layer: layer)
        )
    }
}
