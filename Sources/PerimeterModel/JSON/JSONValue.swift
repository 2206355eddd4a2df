import Foundation

/// A JSON document in memory: what the readers of large JSON inputs (plans) parse, and what the reporters
/// build and write. Objects keep no member order (readers read by key; the writer sorts keys); numbers are
/// Doubles, and the writer prints integral ones as integers, so counts and line numbers come out as written.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var object: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// What the value is, in words for diagnostics.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// An integer, as the reporters count things.
    public static func int(_ value: Int) -> JSONValue { .number(Double(value)) }

    /// An object that drops the entries whose value is nil, for fields that are omitted when unknown.
    public static func object(_ entries: [(String, JSONValue?)]) -> JSONValue {
        var result: [String: JSONValue] = [:]
        for (key, value) in entries {
            if let value { result[key] = value }
        }
        return .object(result)
    }
}
