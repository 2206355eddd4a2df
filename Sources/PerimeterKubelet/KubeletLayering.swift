import PerimeterModel
import Yams

/// The effective value of each setting, as the kubelet computes it: compiled-in defaults ← the `--config`
/// file ← the `--config-dir` drop-ins in lexical order ← the flags (see `KubeletDefaults` for the sources).
/// A setting whose value depends on a layer that is not in the input is unknown, with that layer as the reason.
public enum KubeletLayering {
    /// One configuration document and the file it is in (a drop-in, or the `--config` file).
    public struct ConfigLayer {
        public var document: Node?
        public var file: String

        public init(document: Node?, file: String) {
            self.document = document
            self.file = file
        }
    }

    /// What the command line names, and what of it the input holds.
    public struct Referenced {
        /// nil: no `--config`. `.some(nil)`: named but not in the input.
        public var configFile: ConfigLayer??
        /// nil: no `--config-dir`. `.some(nil)`: named but not in the input. Otherwise the `*.conf` files, in lexical order.
        public var dropIns: [ConfigLayer]??

        public init(configFile: ConfigLayer?? = nil, dropIns: [ConfigLayer]?? = nil) {
            self.configFile = configFile
            self.dropIns = dropIns
        }
    }

    public static func effective(
        _ commandLine: KubeletCommandLine, referenced: Referenced,
        into settings: inout KubeletSettings
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var dropIns = referenced.dropIns
        if dropIns != nil, let minor = commandLine.minorVersion, minor < KubeletDefaults.dropInDirectoryMinimumMinor {
            diagnostics.append(
                .warning(
                    "kubelet 1.\(minor) has no --config-dir (it came in 1.28); its drop-ins are not read",
                    at: commandLine.value(of: "config-dir")?.location ?? commandLine.location))
            dropIns = nil
        }
        // The base every later layer goes over; nil when it is not known.
        let base: KubeletLayer.Kind?
        switch (referenced.configFile, dropIns) {
        case (.some(.some), _): base = .configFileDefault
        case (.some(.none), _): base = nil
        case (.none, .some(.none)): base = nil
        case (.none, _): base = commandLine.unresolved.isEmpty ? .flagDefault : nil
        }
        if let base {
            KubeletConfigurationReader.apply(KubeletDefaults.settings(base, location: commandLine.location), to: &settings)
        }
        if case .some(.some(let config)) = referenced.configFile {
            apply(config, kind: .configFile, to: &settings)
        }
        if case .some(.some(let files)) = dropIns {
            for file in files { apply(file, kind: .dropIn, to: &settings) }
        }
        KubeletConfigurationReader.apply(commandLine.securityFlags(), to: &settings)
        if let missing = missingLayer(commandLine, referenced, dropIns: dropIns) {
            markUnknown(&settings, upTo: missing.rank, because: missing.reason, at: commandLine)
        }
        return diagnostics
    }

    /// The highest layer that is not in the input (0 for the defaults: a config file, 1 for drop-ins, 2 for
    /// what an unreadable part of the command line may add) and why; nil when every layer is in the input.
    static func missingLayer(
        _ commandLine: KubeletCommandLine, _ referenced: Referenced, dropIns: [ConfigLayer]??
    ) -> (rank: Int, reason: String)? {
        if let reason = commandLine.unresolved.first { return (2, reason) }
        if case .some(.none) = dropIns, let directory = commandLine.value(of: "config-dir") {
            return (1, "the --config-dir '\(directory.value)' is not in the inputs")
        }
        if case .some(.none) = referenced.configFile, let config = commandLine.value(of: "config") {
            return (0, "the --config file '\(config.value)' is not in the inputs")
        }
        return nil
    }

    /// Where a layer stands in the kubelet's order, for `missingLayer`: a missing layer may override
    /// every value of its own rank or below.
    static func rank(_ kind: KubeletLayer.Kind) -> Int {
        switch kind {
        case .flagDefault, .configFileDefault, .configFile: 0
        case .dropIn: 1
        case .flag: 3
        }
    }

    /// Settings that a missing layer may override are unknown (explicit flags stay: they come last).
    static func markUnknown(
        _ settings: inout KubeletSettings, upTo missing: Int, because reason: String, at commandLine: KubeletCommandLine
    ) {
        let location = commandLine.value(of: "config")?.location ?? commandLine.location
        func overridable<Value>(_ setting: KubeletSetting<Value>?) -> Bool {
            guard let setting else { return true }
            return setting.layer.map { rank($0.kind) <= missing } ?? false
        }
        if overridable(settings.readOnlyPort) {
            settings.readOnlyPort = KubeletSetting(value: .unknown(reason), location: location, text: "readOnlyPort")
        }
        if overridable(settings.anonymousAuth) {
            settings.anonymousAuth = KubeletSetting(value: .unknown(reason), location: location, text: "authentication.anonymous.enabled")
        }
        if overridable(settings.authorizationMode) {
            settings.authorizationMode = KubeletSetting(value: .unknown(reason), location: location, text: "authorization.mode")
        }
    }

    /// A configuration document's explicit values over the settings so far (a drop-in is a JSON merge patch:
    /// what it leaves out stays).
    public static func apply(_ layer: ConfigLayer, kind: KubeletLayer.Kind, to settings: inout KubeletSettings) {
        guard let document = layer.document else { return }
        var read = KubeletConfigurationReader.read(document, file: layer.file)
        let tag = KubeletLayer(kind: kind, file: layer.file)
        read.readOnlyPort?.layer = tag
        read.anonymousAuth?.layer = tag
        read.authorizationMode?.layer = tag
        KubeletConfigurationReader.apply(read, to: &settings)
    }

    /// The first KubeletConfiguration document of a file's text (a drop-in may leave out `kind`).
    public static func configLayer(_ text: String, file: String) -> Result<ConfigLayer, Diagnostic> {
        switch MarkedYAML.documents(text, file: file) {
        case .failure(let diagnostic): return .failure(diagnostic)
        case .success(let documents):
            let document = documents.first { KubeletConfigurationReader.isKubeletConfiguration($0) } ?? documents.first
            return .success(ConfigLayer(document: document, file: file))
        }
    }
}
