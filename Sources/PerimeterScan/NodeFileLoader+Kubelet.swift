import Foundation
import PerimeterKubelet
import PerimeterModel

/// Whole kubelet command lines: the config file and drop-in directory they name are looked up in the
/// input (see `NodeFileLocator`) and layered as the kubelet does (`KubeletLayering`).
extension NodeFileLoader {
    static func loadKubelet(
        file: String, name: String, kind: NodeFileKind, data: Data, text: String, provenance: Provenance,
        into base: Snapshot
    ) -> (snapshot: Snapshot, diagnostics: [Diagnostic]) {
        var snapshot = base
        var diagnostics: [Diagnostic] = []
        let source: KubeletSettingsSource = kind == .kubeletInfo ? .kubeletInfo : .commandLine
        var settings = KubeletSettings(key: name, provenance: provenance, source: source)
        var consumed: [String] = []
        switch kind {
        case .kubeletInfo:
            switch MarkedYAML.documents(text, file: file) {
            case .failure(let diagnostic): return (snapshot, [diagnostic])
            case .success(let documents):
                guard let document = documents.first else { return (snapshot, []) }
                diagnostics += KubeletInfoReader.read(document, file: file, into: &settings)
            }
        case .systemdUnit:
            let units = NodeFileLocator.unitFiles(for: file)
            consumed += units.filter { $0 != file }
            let files = units.compactMap { path in
                (try? String(contentsOfFile: path, encoding: .utf8)).map { SystemdUnitReader.File(path: path, text: $0) }
            }
            let result = SystemdUnitReader.read(files) { path in
                NodeFileLocator.file(path, from: file).flatMap { found in
                    (try? String(contentsOfFile: found, encoding: .utf8)).map { SystemdUnitReader.File(path: found, text: $0) }
                }
            }
            consumed += result.consumed
            if let commandLine = result.commandLine {
                diagnostics += layer(commandLine, from: file, into: &settings, consumed: &consumed)
            } else {
                // Variables only: a fragment of a command line written elsewhere; only what it sets is known.
                for piece in result.fragments {
                    KubeletConfigurationReader.apply(
                        KubeletCommandLine(pieces: [piece], location: nil, binary: "").securityFlags(),
                        to: &settings)
                }
            }
        default:
            guard let commandLine = KubeletCommandLine.procDump(data, file: file) ?? KubeletCommandLine.bare(text, file: file) else {
                return (snapshot, [.warning("Not a kubelet command line", file: file)])
            }
            diagnostics += layer(commandLine, from: file, into: &settings, consumed: &consumed)
        }
        settings.consumedFiles = consumed.isEmpty ? nil : consumed
        if !settings.isEmpty { snapshot.kubeletSettings.append(settings) }
        return (snapshot, diagnostics)
    }

    /// Finds what `--config` and `--config-dir` name, then layers defaults, files and flags.
    private static func layer(
        _ commandLine: KubeletCommandLine, from file: String, into settings: inout KubeletSettings,
        consumed: inout [String]
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var referenced = KubeletLayering.Referenced()
        if let named = commandLine.value(of: "config") {
            referenced.configFile = .some(nil)
            if let path = NodeFileLocator.file(named.value, from: file), let text = try? String(contentsOfFile: path, encoding: .utf8) {
                switch KubeletLayering.configLayer(text, file: path) {
                case .success(let layer):
                    referenced.configFile = .some(layer)
                    consumed.append(path)
                case .failure(let diagnostic):
                    diagnostics.append(diagnostic)
                }
            } else {
                diagnostics.append(
                    .warning(
                        "'--config=\(named.value)' is not in the input: the settings it may set are not known",
                        at: named.location))
            }
        }
        if let named = commandLine.value(of: "config-dir") {
            referenced.dropIns = .some(nil)
            if let directory = NodeFileLocator.directory(named.value, from: file) {
                var layers: [KubeletLayering.ConfigLayer] = []
                for path in NodeFileLocator.dropInFiles(in: directory) {
                    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
                    switch KubeletLayering.configLayer(text, file: path) {
                    case .success(let layer): layers.append(layer)
                    case .failure(let diagnostic): diagnostics.append(diagnostic)
                    }
                    consumed.append(path)
                }
                referenced.dropIns = .some(layers)
            } else {
                diagnostics.append(
                    .warning(
                        "'--config-dir=\(named.value)' is not in the input: the settings its drop-ins may set are not known",
                        at: named.location))
            }
        }
        for reason in commandLine.unresolved {
            diagnostics.append(.warning("kubelet command line: \(reason); flags it may add are not known", at: commandLine.location))
        }
        return diagnostics + KubeletLayering.effective(commandLine, referenced: referenced, into: &settings)
    }

    /// A config file or drop-in read as a layer of some command line is not judged again on its own:
    /// its values were already weighed against the flags that override them.
    public static func withoutConsumedLayers(_ snapshots: [Snapshot]) -> [Snapshot] {
        // Consumed file → the files whose settings read it.
        var readers: [String: Set<String>] = [:]
        for settings in snapshots.flatMap(\.kubeletSettings) {
            guard let reader = settings.provenance.location?.file else { continue }
            for path in settings.consumedFiles ?? [] {
                readers[NodeFileLocator.standard(path), default: []].insert(NodeFileLocator.standard(reader))
            }
        }
        guard !readers.isEmpty else { return snapshots }
        return snapshots.map { snapshot in
            var kept = snapshot
            kept.kubeletSettings.removeAll { settings in
                guard let raw = settings.provenance.location?.file else { return false }
                let file = NodeFileLocator.standard(raw)
                return readers[file]?.contains { $0 != file } == true
            }
            return kept
        }
    }
}

/// Where a path a node file names (`/var/lib/kubelet/config.yaml`) is in the input: under some directory
/// above the file that names it (a copy of the node's file tree), or beside it by name. The scanning machine's
/// own root is used only when the file that names it is itself in a node's system directories (`/proc`, `/etc`).
enum NodeFileLocator {
    static let systemPrefixes = ["/proc/", "/etc/", "/usr/lib/systemd/", "/lib/systemd/", "/run/systemd/", "/var/lib/kubelet/"]

    static func standard(_ path: String) -> String { (path as NSString).standardizingPath }

    static func candidates(_ named: String, from file: String) -> [String] {
        let directory = (standard(file) as NSString).deletingLastPathComponent
        guard named.hasPrefix("/") else {
            return [(directory as NSString).appendingPathComponent(named)]
        }
        var result: [String] = []
        var ancestor = directory
        while ancestor != "/" && !ancestor.isEmpty {
            result.append(ancestor + named)
            ancestor = (ancestor as NSString).deletingLastPathComponent
        }
        if systemPrefixes.contains(where: standard(file).hasPrefix) { result.append(named) }
        result.append((directory as NSString).appendingPathComponent((named as NSString).lastPathComponent))
        return result
    }

    static func file(_ named: String, from file: String) -> String? {
        candidates(named, from: file).first { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    static func directory(_ named: String, from file: String) -> String? {
        candidates(named, from: file).first { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// The kubelet walks the directory (subdirectories too) and merges every `*.conf` file in lexical order of path.
    static func dropInFiles(in directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".conf") { files.append((directory as NSString).appendingPathComponent(relative)) }
        }
        return files.sorted()
    }

    /// A unit file with its drop-ins (`NAME.service.d/*.conf` beside it), in systemd's order: the unit, then the
    /// drop-ins sorted by file name. A drop-in on its own is read alone.
    static func unitFiles(for file: String) -> [String] {
        guard file.hasSuffix(".service") else { return [file] }
        let dropIns = (file + ".d") as String
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dropIns)) ?? []).filter { $0.hasSuffix(".conf") }.sorted()
        return [file] + names.map { (dropIns as NSString).appendingPathComponent($0) }
    }
}
