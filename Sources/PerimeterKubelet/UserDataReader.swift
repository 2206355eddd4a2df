import Foundation
import PerimeterModel

/// Kubelet settings from EC2 user data, where EKS nodes really get them: shell scripts that call
/// `/etc/eks/bootstrap.sh --kubelet-extra-args '...'` (AL2), AL2023 `nodeadm` NodeConfig documents,
/// and MIME multi-part archives of both (managed node groups merge theirs into one).
public enum UserDataReader {
    /// - Parameters:
    ///   - locate: maps a line and column of `text` to the input; parts that were base64 inside the
    ///     MIME archive are reported at the part's first line.
    public static func read(
        _ text: String, into settings: inout KubeletSettings, file: String,
        locate: @escaping KubeletFlags.Locate
    ) {
        for part in parts(of: text) {
            let partLocate: KubeletFlags.Locate =
                part.lineOffset.map { offset in { line, column in locate(line + offset, column) } }
                ?? { _, _ in locate(part.headerLine, 1) }
            if part.isNodeConfig {
                guard case .success(let documents) = MarkedYAML.documents(part.body, file: file) else { continue }
                for document in documents where KubeletConfigurationReader.isNodeConfig(document) {
                    var layer = KubeletSettings(key: settings.key, provenance: settings.provenance, source: .userData)
                    KubeletConfigurationReader.readNodeConfig(document, file: file, into: &layer)
                    // Positions inside the YAML are relative to the part.
                    relocate(&layer, partLocate)
                    KubeletConfigurationReader.apply((layer.readOnlyPort, layer.anonymousAuth, layer.authorizationMode), to: &settings)
                }
            } else {
                KubeletConfigurationReader.apply(KubeletFlags.read(part.body, locate: partLocate), to: &settings)
            }
        }
    }

    /// Whether text looks like user data that can carry kubelet settings.
    public static func looksLikeUserData(_ text: String) -> Bool {
        text.contains("bootstrap.sh") || text.contains("multipart/mixed") || text.contains("node.eks.aws")
    }

    struct Part {
        var body: String
        var isNodeConfig: Bool
        /// Lines before the body in the original text; nil when the body was decoded from base64.
        var lineOffset: Int?
        var headerLine: Int
    }

    static func parts(of text: String) -> [Part] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let boundary = boundary(in: lines) else {
            return [
                Part(body: text, isNodeConfig: text.contains("node.eks.aws") && text.contains("NodeConfig"), lineOffset: 0, headerLine: 1)
            ]
        }
        var parts: [Part] = []
        var index = 0
        while index < lines.count {
            guard lines[index] == "--\(boundary)" else {
                index += 1
                continue
            }
            let headerLine = index + 2
            index += 1
            var headers: [String: String] = [:]
            while index < lines.count, !lines[index].isEmpty {
                if let colon = lines[index].firstIndex(of: ":") {
                    headers[lines[index][..<colon].lowercased()] = lines[index][lines[index].index(after: colon)...]
                        .trimmingCharacters(in: .whitespaces)
                }
                index += 1
            }
            // Past the blank line that ends the headers; a truncated part has no body.
            index = min(index + 1, lines.count)
            let start = index
            while index < lines.count, !lines[index].hasPrefix("--\(boundary)") { index += 1 }
            var body = lines[start..<index].joined(separator: "\n")
            var offset: Int? = start
            if headers["content-transfer-encoding"]?.lowercased() == "base64" {
                let compact = body.filter { !$0.isWhitespace }
                body = Data(base64Encoded: compact).flatMap { String(data: $0, encoding: .utf8) } ?? ""
                offset = nil
            }
            let type = headers["content-type"]?.lowercased() ?? ""
            let isNodeConfig = type.contains("node.eks.aws") || (body.contains("node.eks.aws") && body.contains("NodeConfig"))
            parts.append(Part(body: body, isNodeConfig: isNodeConfig, lineOffset: offset, headerLine: headerLine))
        }
        return parts
    }

    /// The boundary of a `multipart/mixed` archive, from its top-level Content-Type header.
    private static func boundary(in lines: [Substring]) -> String? {
        for line in lines.prefix(20) where line.lowercased().contains("multipart/") {
            guard let range = line.range(of: "boundary=") else { continue }
            let value = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
            let unquoted = value.hasPrefix("\"") ? String(value.dropFirst().prefix { $0 != "\"" }) : String(value.prefix { $0 != ";" })
            return unquoted.isEmpty ? nil : unquoted
        }
        return nil
    }

    private static func relocate(_ settings: inout KubeletSettings, _ locate: KubeletFlags.Locate) {
        func moved(_ location: SourceLocation?) -> SourceLocation? {
            guard let location else { return nil }
            return locate(location.line, location.column)
        }
        let (port, anonymous, mode) = (
            settings.readOnlyPort?.location, settings.anonymousAuth?.location, settings.authorizationMode?.location
        )
        settings.readOnlyPort?.location = moved(port)
        settings.anonymousAuth?.location = moved(anonymous)
        settings.authorizationMode?.location = moved(mode)
    }
}
