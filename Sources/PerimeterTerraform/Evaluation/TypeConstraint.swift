/// A variable's `type`, used to convert input values the way Terraform does: strings to numbers,
/// missing optional object attributes to their defaults.
indirect enum TypeConstraint: Equatable {
    case any
    case string
    case number
    case bool
    case list(TypeConstraint)
    case set(TypeConstraint)
    case map(TypeConstraint)
    case tuple([TypeConstraint])
    case object([String: Attribute])

    struct Attribute: Equatable {
        var type: TypeConstraint
        var optional: Bool
        /// The `optional(T, default)` default, already evaluated (type expressions hold constants only).
        var defaultValue: Value?
    }

    /// Reads a type expression; anything it does not understand becomes `any` (lenient: never an error).
    init(_ expression: Expression, evaluateDefault: (Expression) -> Value?) {
        switch expression.kind {
        case .variable(let name):
            switch name {
            case "string": self = .string
            case "number": self = .number
            case "bool": self = .bool
            default: self = .any
            }
        case .functionCall(let name, let arguments, _):
            let first = arguments.first.map { TypeConstraint($0, evaluateDefault: evaluateDefault) } ?? .any
            switch name {
            case "list": self = .list(first)
            case "set": self = .set(first)
            case "map": self = .map(first)
            case "tuple":
                if case .tuple(let items)? = arguments.first?.kind {
                    self = .tuple(items.map { TypeConstraint($0, evaluateDefault: evaluateDefault) })
                } else {
                    self = .any
                }
            case "object":
                guard case .object(let items)? = arguments.first?.kind else {
                    self = .any
                    return
                }
                var attributes: [String: Attribute] = [:]
                for item in items {
                    guard case .template(let parts) = item.key.kind, case .literal(let key)? = parts.first, parts.count == 1
                    else { continue }
                    attributes[key] = Self.attribute(item.value, evaluateDefault: evaluateDefault)
                }
                self = .object(attributes)
            default: self = .any
            }
        default:
            self = .any
        }
    }

    private static func attribute(_ expression: Expression, evaluateDefault: (Expression) -> Value?) -> Attribute {
        if case .functionCall("optional", let arguments, _) = expression.kind, let inner = arguments.first {
            let defaultValue = arguments.count > 1 ? evaluateDefault(arguments[1]) : nil
            return Attribute(type: TypeConstraint(inner, evaluateDefault: evaluateDefault), optional: true, defaultValue: defaultValue)
        }
        return Attribute(type: TypeConstraint(expression, evaluateDefault: evaluateDefault), optional: false, defaultValue: nil)
    }

    /// Converts a value to this type where Terraform would; leaves it as it is where it cannot.
    func convert(_ value: Value) -> Value {
        if case .unknown = value { return value }
        if case .null = value { return value }
        switch self {
        case .any:
            return value
        case .string:
            switch value {
            case .number, .bool: return .string(TerraformText.string(value) ?? "")
            default: return value
            }
        case .number:
            if case .string(let text) = value, let number = Double(text) { return .number(number) }
            return value
        case .bool:
            if case .string(let text) = value {
                if text == "true" { return .bool(true) }
                if text == "false" { return .bool(false) }
            }
            return value
        case .list(let element):
            guard let items = value.elements else { return value }
            return .list(items.map(element.convert))
        case .set(let element):
            guard let items = value.elements else { return value }
            return .set(TerraformText.setOrder(items.map(element.convert)))
        case .map(let element):
            guard case .object(let fields) = value else { return value }
            return .object(fields.mapValues(element.convert))
        case .tuple(let elements):
            guard let items = value.elements, items.count == elements.count else { return value }
            return .list(zip(elements, items).map { $0.convert($1) })
        case .object(let attributes):
            guard case .object(var fields) = value else { return value }
            for (name, attribute) in attributes {
                if let present = fields[name], present != .null {
                    fields[name] = attribute.type.convert(present)
                } else if attribute.optional {
                    fields[name] = attribute.defaultValue.map(attribute.type.convert) ?? .null
                }
            }
            return .object(fields)
        }
    }

    /// Why a value can never have this type, judged on its outer shape only (a collection for a
    /// primitive, a primitive for a collection); nil when it may, or when the value is not known.
    func mismatch(_ value: Value) -> String? {
        let isCollection: Bool
        switch value {
        case .null, .unknown: return nil
        case .list, .set, .object: isCollection = true
        case .string, .number, .bool: isCollection = false
        }
        switch self {
        case .any: return nil
        case .string, .number, .bool:
            return isCollection ? "must be a \(self.name), not a \(value.typeName)" : nil
        case .list, .set, .map, .tuple, .object:
            return isCollection ? nil : "must be a \(self.name), not a \(value.typeName)"
        }
    }

    private var name: String {
        switch self {
        case .any: "value"
        case .string: "string"
        case .number: "number"
        case .bool: "bool"
        case .list: "list"
        case .set: "set"
        case .map: "map"
        case .tuple: "tuple"
        case .object: "object"
        }
    }

    /// Whether a raw command-line or environment value should be taken as a literal string.
    var takesRawString: Bool {
        switch self {
        case .string, .any: true
        default: false
        }
    }
}
