import Foundation
import PerimeterKubelet
import PerimeterModel

/// Builds a snapshot from one node file: kubelet settings, or uses of the read-only port.
enum NodeFileLoader {
    static func load(file: String, name: String, kind: NodeFileKind) -> (snapshot: Snapshot, diagnostics: [Diagnostic]) {
        var snapshot = Snapshot()
        snapshot.sources = [file]
        guard let data = FileManager.default.contents(atPath: file) else { return (snapshot, [.error("Cannot read file", file: file)]) }
        guard let text = String(data: data, encoding: .utf8) ?? (kind == .commandLine ? "" : nil) else {
            return (snapshot, [.error("Not UTF-8 text", file: file)])
        }
        let provenance = Provenance(resource: name, location: SourceLocation(file: file, line: 1), origin: .file)
        let locate: KubeletFlags.Locate = { line, column in SourceLocation(file: file, line: line, column: column) }
        switch kind {
        case .metrics:
            if let use = KubeletMetricsReader.read(text, file: file, resource: name) { snapshot.readOnlyPortUses.append(use) }
        case .flags:
            var settings = KubeletSettings(key: name, provenance: provenance, source: .flags)
            KubeletConfigurationReader.apply(KubeletFlags.read(text, locate: locate), to: &settings)
            if !settings.isEmpty { snapshot.kubeletSettings.append(settings) }
        case .commandLine, .systemdUnit, .kubeletInfo:
            return loadKubelet(file: file, name: name, kind: kind, data: data, text: text, provenance: provenance, into: snapshot)
        case .userData:
            var settings = KubeletSettings(key: name, provenance: provenance, source: .userData)
            UserDataReader.read(text, into: &settings, file: file, locate: locate)
            if !settings.isEmpty { snapshot.kubeletSettings.append(settings) }
        case .documents:
            switch MarkedYAML.documents(text, file: file) {
            case .failure(let diagnostic):
                return (snapshot, [diagnostic])
            case .success(let documents):
                for (index, document) in documents.enumerated() {
                    let key = documents.count > 1 ? "\(name)#\(index + 1)" : name
                    if KubeletConfigurationReader.isKubeletConfiguration(document) {
                        var settings = KubeletSettings(key: key, provenance: provenance, source: .configFile)
                        KubeletConfigurationReader.apply(KubeletConfigurationReader.read(document, file: file), to: &settings)
                        if !settings.isEmpty { snapshot.kubeletSettings.append(settings) }
                    } else if KubeletConfigurationReader.isNodeConfig(document) {
                        var settings = KubeletSettings(key: key, provenance: provenance, source: .nodeConfig)
                        KubeletConfigurationReader.readNodeConfig(document, file: file, into: &settings)
                        if !settings.isEmpty { snapshot.kubeletSettings.append(settings) }
                    } else {
                        snapshot.readOnlyPortUses += WorkloadPortReferences.find(in: document, file: file)
                    }
                }
            }
        }
        return (snapshot, [])
    }
}
