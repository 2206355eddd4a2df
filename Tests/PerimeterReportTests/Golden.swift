import Foundation
import Testing

/// Golden files live in `Golden/` beside this file, found through `#filePath` so the test target
/// needs no resources. Versions in them are written `{{VERSION}}`.
/// Set `PERIMETER_UPDATE_GOLDEN=1` to rewrite them from the current output (the test then fails
/// once, to make the rewrite visible).
enum Golden {
    static let versionPlaceholder = "{{VERSION}}"

    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// The expected text for `name`, with placeholders filled in; nil (and an issue) when missing.
    static func expected(
        _ name: String, version: String, actual: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> String? {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PERIMETER_UPDATE_GOLDEN"] == "1" {
            let text = actual.replacingOccurrences(of: version, with: versionPlaceholder) + "\n"
            do {
                try text.write(to: url, atomically: true, encoding: .utf8)
                Issue.record(
                    "rewrote golden file \(name); run again without PERIMETER_UPDATE_GOLDEN",
                    sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot write golden file \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return nil
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "missing golden file \(url.path); create it with PERIMETER_UPDATE_GOLDEN=1",
                sourceLocation: sourceLocation)
            return nil
        }
        // Files end with one newline; rendered output does not.
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return body.replacingOccurrences(of: versionPlaceholder, with: version)
    }
}

/// A parsed JSON document that compares by meaning: key order and whitespace do not matter.
indirect enum JSONTree: Decodable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONTree].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONTree].self))
        }
    }

    static func parse(_ text: String) throws -> JSONTree {
        try JSONDecoder().decode(JSONTree.self, from: Data(text.utf8))
    }

    subscript(key: String) -> JSONTree? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    subscript(index: Int) -> JSONTree? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    var array: [JSONTree] {
        if case .array(let items) = self { return items }
        return []
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var int: Int? {
        if case .number(let value) = self, value == value.rounded() { return Int(value) }
        return nil
    }

    var keys: Set<String> {
        if case .object(let members) = self { return Set(members.keys) }
        return []
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let members):
            "{"
                + members.keys.sorted().map { "\"\($0)\": \(members[$0]?.description ?? "")" }
                .joined(separator: ", ") + "}"
        }
    }
}
