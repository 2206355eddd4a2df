/// One kubelet setting as one source writes it, with the place to change it.
public struct KubeletSetting<Value: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    public var value: Resolved<Value>
    public var location: SourceLocation?
    /// As written: `--read-only-port=10255`, `readOnlyPort: 10255`.
    public var text: String
    /// Which layer of the kubelet's precedence gave the value; nil in older snapshots.
    public var layer: KubeletLayer?

    public init(value: Resolved<Value>, location: SourceLocation? = nil, text: String, layer: KubeletLayer? = nil) {
        self.value = value
        self.location = location
        self.text = text
        self.layer = layer
    }
}

/// The kubelet's own order, last wins: compiled-in defaults, the `--config` file, the `--config-dir`
/// drop-ins in lexical order, then the command-line flags.
public struct KubeletLayer: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        /// No `--config`: the legacy flag defaults (10255, anonymous on, AlwaysAllow).
        case flagDefault
        /// A `--config` file was loaded: its v1beta1 defaults (0, anonymous off, Webhook).
        case configFileDefault
        case configFile
        case dropIn
        case flag
    }

    public var kind: Kind
    /// The file that holds the value (the config file, the drop-in, the file with the command line).
    public var file: String?

    public init(kind: Kind, file: String? = nil) {
        self.kind = kind
        self.file = file
    }

    public var description: String {
        let place = file.map { " '\($0)'" } ?? ""
        switch kind {
        case .flagDefault: return "the kubelet's compiled-in default (started without --config)"
        case .configFileDefault: return "the KubeletConfiguration default (the --config file does not set it)"
        case .configFile: return "the --config file\(place)"
        case .dropIn: return "the --config-dir drop-in\(place)"
        case .flag: return "a command-line flag in\(place)"
        }
    }
}

/// Where a node's kubelet gets its settings from. The kubelet's own defaults differ between a
/// KubeletConfiguration file (read-only port 0, anonymous off, Webhook) and bare flags (10255, on,
/// AlwaysAllow); perimeter reports only what a source sets explicitly.
public enum KubeletSettingsSource: String, Codable, Hashable, Sendable {
    /// A KubeletConfiguration file (YAML or JSON), including drop-ins.
    case configFile
    /// Command-line flags: a flags file, a systemd drop-in, `KUBELET_EXTRA_ARGS`.
    case flags
    /// An AL2023 `nodeadm` NodeConfig (`spec.kubelet.config` / `spec.kubelet.flags`).
    case nodeConfig
    /// EC2 user data of a launch template or instance (`bootstrap.sh --kubelet-extra-args`, MIME parts, NodeConfig).
    case userData
    /// A whole kubelet command line (a bare `kubelet ...`, `/proc/PID/cmdline`, a systemd `ExecStart=`): layered
    /// over the kubelet's defaults and the config files it names.
    case commandLine
    /// kubescape host-scanner `KubeletInfo` JSON: the command line and the config file it read.
    case kubeletInfo
}

/// The security-relevant kubelet settings one source gives its nodes. nil: not set by this source.
public struct KubeletSettings: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var source: KubeletSettingsSource
    /// `readOnlyPort` / `--read-only-port`; 0 disables the port.
    public var readOnlyPort: KubeletSetting<Int>?
    /// `authentication.anonymous.enabled` / `--anonymous-auth`.
    public var anonymousAuth: KubeletSetting<Bool>?
    /// `authorization.mode` / `--authorization-mode` (`Webhook`, `AlwaysAllow`).
    public var authorizationMode: KubeletSetting<String>?
    /// Files this source read as layers (config file, drop-ins, environment files): not judged again on their own.
    public var consumedFiles: [String]?

    public init(
        key: String, provenance: Provenance, source: KubeletSettingsSource,
        readOnlyPort: KubeletSetting<Int>? = nil, anonymousAuth: KubeletSetting<Bool>? = nil,
        authorizationMode: KubeletSetting<String>? = nil
    ) {
        self.key = key
        self.provenance = provenance
        self.source = source
        self.readOnlyPort = readOnlyPort
        self.anonymousAuth = anonymousAuth
        self.authorizationMode = authorizationMode
    }

    public var isEmpty: Bool { readOnlyPort == nil && anonymousAuth == nil && authorizationMode == nil }
}

/// Evidence that something still uses the kubelet's read-only port 10255.
public struct ReadOnlyPortUse: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        /// `kubelet_http_requests_total{server_type="readonly"}` above zero in a kubelet's /metrics.
        case metrics
        /// A workload's command, args, env, probe or port that names the port.
        case workload
    }

    public var key: String
    public var provenance: Provenance
    public var kind: Kind
    /// The port referenced; unknown when it comes from something perimeter cannot read (`$(PORT)` from a field ref).
    public var port: Resolved<Int>
    /// Where in the object: `containers[curl].command`, or the metric paths.
    public var field: String
    /// The text that refers to the port, or the samples.
    public var text: String
    /// For metrics: request count per kubelet path (`metrics`, `pods`, `stats`).
    public var requestsByPath: [String: Double]

    public init(
        key: String, provenance: Provenance, kind: Kind, port: Resolved<Int>, field: String, text: String,
        requestsByPath: [String: Double] = [:]
    ) {
        self.key = key
        self.provenance = provenance
        self.kind = kind
        self.port = port
        self.field = field
        self.text = text
        self.requestsByPath = requestsByPath
    }
}
