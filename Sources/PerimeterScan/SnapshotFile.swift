import Foundation
import PerimeterModel

/// Reads and writes snapshot files: versioned JSON that says what it is.
public enum SnapshotFile {
    static let kind = "perimeter.snapshot"

    private struct Envelope: Codable {
        var kind: String
        var snapshot: Snapshot
    }

    public static func encode(_ snapshot: Snapshot) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(Envelope(kind: kind, snapshot: snapshot))
    }

    public static func decode(_ data: Data, path: String) -> Result<Snapshot, Diagnostic> {
        do {
            let envelope = try JSONDecoder().decode(Envelope.self, from: data)
            guard envelope.kind == kind else {
                return .failure(.error("Not a perimeter snapshot (kind '\(envelope.kind)')", file: path))
            }
            guard envelope.snapshot.version <= Snapshot.currentVersion else {
                return .failure(
                    .error(
                        "Snapshot version \(envelope.snapshot.version) is newer than this perimeter reads (\(Snapshot.currentVersion)); upgrade perimeter",
                        file: path))
            }
            return .success(envelope.snapshot)
        } catch {
            return .failure(.error("Not a valid perimeter snapshot: \(describe(error))", file: path))
        }
    }

    /// What a live collection could not read, as diagnostics of the snapshot (errors make `scan` exit 2).
    public static func gapDiagnostics(of snapshot: Snapshot, file: String?) -> [Diagnostic] {
        guard let collection = snapshot.collection else { return [] }
        let origin = file ?? "aws:\(collection.region)/\(collection.cluster)"
        return collection.gaps.map { Diagnostic($0.severity, $0.message, file: origin) }
    }

    static func looksLikeSnapshot(_ data: Data) -> Bool {
        guard let text = String(data: data.prefix(1 << 20), encoding: .utf8) else { return false }
        return text.contains("\"\(kind)\"")
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "missing '\(key.stringValue)' at \(pathText(context.codingPath))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(pathText(context.codingPath))"
        case DecodingError.dataCorrupted(let context):
            context.debugDescription
        default:
            "\(error)"
        }
    }

    private static func pathText(_ path: [CodingKey]) -> String {
        path.isEmpty ? "the top level" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
