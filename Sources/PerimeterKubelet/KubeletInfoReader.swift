import Foundation
import PerimeterModel
import Yams

/// kubescape host-scanner `KubeletInfo` (`hostdata.kubescape.cloud`): `data.cmdLine` is the kubelet's command
/// line and `data.configFile.content` the base64 text of the config file the scanner found. The kubelet
/// reads a config file only when `--config` names it, so a file beside a command line without `--config`
/// is not a layer (the scanner also looks in default places the kubelet itself never reads).
public enum KubeletInfoReader {
    public static func looksLikeKubeletInfo(_ text: String) -> Bool {
        text.contains("KubeletInfo") && text.contains("hostdata.kubescape.cloud")
    }

    public static func read(_ document: Node, file: String, into settings: inout KubeletSettings) -> [Diagnostic] {
        let data = MarkedYAML.value(document, "data")
        guard let command = MarkedYAML.entry(data, "cmdLine"), let text = command.value.scalarText else {
            return [
                .warning(
                    "KubeletInfo without data.cmdLine: the kubelet's settings are not known", at: MarkedYAML.location(document, file: file))
            ]
        }
        let start = MarkedYAML.location(command.value, file: file)
        let piece = KubeletCommandLine.Piece(text: text, file: file) { _, column in
            SourceLocation(file: file, line: start?.line ?? 1, column: (start?.column ?? 0) + column)
        }
        let binary = KubeletCommandLine.tokens(text[...]).first?.text ?? ""
        let commandLine = KubeletCommandLine(pieces: [piece], location: start, binary: binary)
        let content = MarkedYAML.entry(MarkedYAML.value(data, "configFile"), "content")
        var diagnostics: [Diagnostic] = []
        var referenced = KubeletLayering.Referenced()
        let decoded = content?.value.scalarText.flatMap { Data(base64Encoded: $0) }.flatMap { String(data: $0, encoding: .utf8) }
        if let named = commandLine.value(of: "config") {
            referenced.configFile = .some(nil)
            if let decoded {
                switch KubeletLayering.configLayer(decoded, file: file) {
                case .success(let layer): referenced.configFile = .some(layer)
                case .failure(let problem):
                    diagnostics.append(
                        .warning(
                            "configFile.content of '--config=\(named.value)' is not YAML: \(problem.message)",
                            at: MarkedYAML.location(content?.key, file: file)))
                }
            } else {
                diagnostics.append(
                    .warning(
                        "the host scanner did not read '--config=\(named.value)': settings the file may set are not known",
                        at: named.location))
            }
        } else if decoded != nil {
            diagnostics.append(
                .warning(
                    "the command line has no --config, so the kubelet does not read the configFile beside it",
                    at: MarkedYAML.location(content?.key, file: file)))
        }
        diagnostics += KubeletLayering.effective(commandLine, referenced: referenced, into: &settings)
        // Positions inside the decoded text are not positions in this file: point at `content`, name the line.
        let contentLocation = MarkedYAML.location(content?.key, file: file)
        func relocate<Value>(_ setting: inout KubeletSetting<Value>?) {
            guard setting?.layer?.kind == .configFile, let line = setting?.location?.line else { return }
            setting?.text += " (line \(line) of the decoded configFile.content)"
            setting?.location = contentLocation
        }
        relocate(&settings.readOnlyPort)
        relocate(&settings.anonymousAuth)
        relocate(&settings.authorizationMode)
        return diagnostics
    }
}
