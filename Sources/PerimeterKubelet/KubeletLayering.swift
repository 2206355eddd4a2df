import PerimeterModel
import Yams

/// The effective value of each setting, as the kubelet computes it: compiled-in defaults ← the `--config`
/// file ← the `--config-dir` drop-ins in lexical order ← the flags (see `KubeletDefaults` for the sources).
/// A setting whose value depends on a layer that is not in the input stays nil: not known, not reported.
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
        return diagnostics
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
