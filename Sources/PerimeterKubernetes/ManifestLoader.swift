import Foundation
import PerimeterModel
import Yams

/// Reads Kubernetes objects from YAML (multi-document, Helm-rendered) or JSON, including
/// `kubectl get ... -o json` List dumps, keeping each object's file:line.
public enum ManifestLoader {
    /// What one file (or one API response) gave.
    public struct Result: Sendable {
        public var snapshot = Snapshot()
        public var diagnostics: [Diagnostic] = []
    }

    public static func load(file path: String, namespace: ManifestNamespace = ManifestNamespace()) -> Result {
        guard let data = FileManager.default.contents(atPath: path) else {
            return Result(diagnostics: [.error("Cannot read file", file: path)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Result(diagnostics: [.error("Not UTF-8 text", file: path)])
        }
        return load(text: text, file: path, origin: .file, namespace: namespace)
    }

    /// Parses every document; a syntax error stops at its position but keeps the objects before it.
    public static func load(text: String, file: String, origin: Provenance.Origin, namespace: ManifestNamespace = ManifestNamespace())
        -> Result
    {
        var result = Result()
        result.snapshot.sources = [file]
        var documents: YamlSequence<Node>
        do {
            documents = try Yams.compose_all(yaml: text)
        } catch {
            result.diagnostics.append(diagnostic(for: error, file: file))
            return result
        }
        var builder = ObjectBuilder(file: file, origin: origin, namespaces: namespace)
        while let document = documents.next() {
            builder.add(document: document)
        }
        if let error = documents.error {
            result.diagnostics.append(diagnostic(for: error, file: file))
        }
        result.snapshot.kubernetes = builder.objects
        result.snapshot.awsAuthConfigMaps = builder.awsAuth
        result.diagnostics += builder.diagnostics
        if !builder.placedInDefault.isEmpty {
            result.diagnostics.append(
                .warning(
                    "\(builder.placedInDefault.joined(separator: ", ")) \(builder.placedInDefault.count == 1 ? "has" : "have") no metadata.namespace, "
                        + "and neither --namespace nor a kustomization gives one: read in 'default', where `kubectl apply` without -n "
                        + "puts them only if that is the context's namespace", file: file))
        }
        return result
    }

    /// True when the text holds at least one document with top-level `apiVersion` and `kind` (or `items`).
    public static func looksLikeManifest(_ data: Data) -> Bool {
        guard let text = String(data: data.prefix(1 << 16), encoding: .utf8) else { return false }
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.hasPrefix("{") {
            return text.contains("\"apiVersion\"") && text.contains("\"kind\"")
        }
        var sawVersion = false
        var sawKind = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("apiVersion:") { sawVersion = true }
            // `kubectl get -o yaml` prints a List's keys sorted: `items:` comes first and `kind: List` only after
            // every item, far past the bytes read here.
            if line.hasPrefix("kind:") || line.hasPrefix("items:") { sawKind = true }
            if line.hasPrefix("---") {
                if sawVersion && sawKind { return true }
                sawVersion = false
                sawKind = false
            }
        }
        return sawVersion && sawKind
    }

    /// Helm or other Go templates (`{{ .Values.x }}`, `{{- include ... }}`) are not manifests until rendered;
    /// a directory walk skips them (`{{EC2PrivateDNSName}}` in aws-auth is data, not a template).
    public static func looksLikeTemplate(_ data: Data) -> Bool {
        guard let text = String(data: data.prefix(1 << 16), encoding: .utf8) else { return false }
        return ["{{ .", "{{- ", "{{.", "{{ include", "{{ template", "{{ if", "{{ range", "{{/*"].contains { text.contains($0) }
    }

    static func diagnostic(for error: Error, file: String) -> Diagnostic {
        switch error {
        case YamlError.scanner(let context, let problem, let mark, _),
            YamlError.parser(let context, let problem, let mark, _),
            YamlError.composer(let context, let problem, let mark, _):
            let what = context.map { "\($0.text) " } ?? ""
            return .error(
                "YAML: \(what)\(problem)".trimmingCharacters(in: .whitespaces),
                at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case YamlError.reader(let problem, _, _, _):
            return .error("YAML: \(problem)", file: file)
        default:
            return .error("YAML: \(error)", file: file)
        }
    }
}
