/// Objects that stand for a resource instance (or one of its nested blocks) carry a hidden field
/// naming it, so that reading an attribute the configuration does not set gives a symbolic unknown
/// ("attribute X of resource Y") instead of an error. It never leaves the evaluator.
enum ResourceMarker {
    static let key = "\u{1}perimeter.resource"
    private static let separator: Character = "\u{1}"

    static func mark(_ fields: inout [String: Value], resource: String, path: String) {
        fields[key] = .string(resource + String(separator) + path)
    }

    /// The resource address and the attribute path inside it, when the object stands for one.
    static func target(of fields: [String: Value]) -> (resource: String, path: String)? {
        guard case .string(let text)? = fields[key], let split = text.firstIndex(of: separator) else { return nil }
        return (String(text[..<split]), String(text[text.index(after: split)...]))
    }

    static func join(_ path: String, _ step: String) -> String {
        if path.isEmpty { return step.hasPrefix("[") ? step : step }
        return step.hasPrefix("[") ? path + step : path + "." + step
    }

    /// The value without hidden fields, for results that leave the evaluator.
    static func strip(_ value: Value) -> Value {
        switch value {
        case .object(var fields):
            fields[key] = nil
            return .object(fields.mapValues(strip))
        case .list(let items):
            return .list(items.map(strip))
        case .set(let items):
            return .set(items.map(strip))
        default:
            return value
        }
    }
}
