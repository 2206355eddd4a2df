import PerimeterModel

/// Typed reads of one object's attributes: a resource's own, or one nested block's.
/// Missing, null and empty-string values read as "not set" (Terraform state and plans write unset
/// optional strings as ""). A value of the wrong type gives a warning and reads as unknown, never a crash.
struct Fields {
    let values: [String: Value]
    /// Where this object sits inside the resource: "" or `ingress[0]`, `vpc_config[0]`.
    let path: String
    let instance: ResourceInstance
    let context: MappingContext

    /// One element of a nested block list: an object, or a whole block that is not known.
    enum Block {
        case known(Fields)
        case unknown(reason: String, path: String)
    }

    func path(of name: String) -> String { joinPath(path, name) }

    /// The value, or nil when missing, null or "".
    func value(_ name: String) -> Value? {
        switch values[name] {
        case nil, .null?: nil
        case .string("")?: nil
        case let value?: value
        }
    }

    var location: SourceLocation? { MappingContext.location(in: instance, path: path) }

    func provenance() -> Provenance { context.provenance(instance, path: path) }

    func wrongType(_ name: String, expected: String, got value: Value) -> String {
        context.warn("\(path(of: name)) must be \(expected), not \(value.typeName)", instance: instance, path: path(of: name))
        return "\(instance.address).\(path(of: name)) has a value of the wrong type"
    }

    func string(_ name: String) -> Resolved<String>? {
        guard let value = value(name) else { return nil }
        switch value {
        case .string(let text): return .known(text)
        case .number(let number): return .known(ValueText.number(number))
        case .bool(let bool): return .known(bool ? "true" : "false")
        case .unknown(let unknown): return .unknown(unknown.reason)
        default: return .unknown(wrongType(name, expected: "a string", got: value))
        }
    }

    func bool(_ name: String) -> Resolved<Bool>? {
        guard let value = value(name) else { return nil }
        switch value {
        case .bool(let bool): return .known(bool)
        case .string(let text) where text.lowercased() == "true": return .known(true)
        case .string(let text) where text.lowercased() == "false": return .known(false)
        case .unknown(let unknown): return .unknown(unknown.reason)
        default: return .unknown(wrongType(name, expected: "a boolean", got: value))
        }
    }

    func int(_ name: String) -> Resolved<Int>? {
        guard let value = value(name) else { return nil }
        switch value {
        case .number(let number):
            if let int = ValueText.int(number) { return .known(int) }
        case .string(let text):
            if let int = Int(text) { return .known(int) }
        case .unknown(let unknown):
            return .unknown(unknown.reason)
        default:
            break
        }
        return .unknown(wrongType(name, expected: "a whole number", got: value))
    }

    /// The elements of a list or set attribute; a single unknown element when the whole list is unknown.
    func items(_ name: String) -> [Value]? {
        guard let value = value(name) else { return nil }
        switch value {
        case .list(let items), .set(let items): return items
        case .unknown: return [value]
        default:
            _ = wrongType(name, expected: "a list", got: value)
            return nil
        }
    }

    func strings(_ name: String) -> Resolved<[String]>? {
        guard value(name) != nil else { return nil }
        guard let items = items(name) else { return .unknown("\(instance.address).\(path(of: name)) has a value of the wrong type") }
        var strings: [String] = []
        for item in items {
            switch item {
            case .string(let text): strings.append(text)
            case .number(let number): strings.append(ValueText.number(number))
            case .unknown(let unknown): return .unknown(unknown.reason)
            default: return .unknown(wrongType(name, expected: "a list of strings", got: item))
            }
        }
        return .known(strings)
    }

    /// Known string entries of a map attribute (`tags`).
    func stringMap(_ name: String) -> [String: String] {
        guard let value = value(name) else { return [:] }
        guard case .object(let entries) = value else {
            if !value.isUnknown { _ = wrongType(name, expected: "a map", got: value) }
            return [:]
        }
        var result: [String: String] = [:]
        for (key, entry) in entries {
            switch entry {
            case .string(let text): result[key] = text
            case .number(let number): result[key] = ValueText.number(number)
            case .bool(let bool): result[key] = bool ? "true" : "false"
            default: continue
            }
        }
        return result
    }

    /// A nested block list (`ingress`), also accepting a single object (`.tf.json`, attribute syntax).
    func blocks(_ name: String) -> [Block] {
        guard let value = value(name) else { return [] }
        let blockPath = path(of: name)
        switch value {
        case .object(let fields):
            return [.known(Fields(values: fields, path: blockPath + "[0]", instance: instance, context: context))]
        case .list(let items), .set(let items):
            return items.enumerated().compactMap { offset, item in
                let itemPath = "\(blockPath)[\(offset)]"
                switch item {
                case .object(let fields): return .known(Fields(values: fields, path: itemPath, instance: instance, context: context))
                case .unknown(let unknown): return .unknown(reason: unknown.reason, path: itemPath)
                case .null: return nil
                default:
                    context.warn("\(itemPath) must be a block (an object), not \(item.typeName)", instance: instance, path: itemPath)
                    return nil
                }
            }
        case .unknown(let unknown):
            return [.unknown(reason: unknown.reason, path: blockPath)]
        default:
            _ = wrongType(name, expected: "a block", got: value)
            return []
        }
    }

    /// The first known block of that name (`vpc_config`, `metadata_options`).
    func block(_ name: String) -> Fields? {
        for block in blocks(name) {
            if case .known(let fields) = block { return fields }
        }
        return nil
    }

    /// Follows a chain of single nested blocks: `block("node_pool_defaults", "node_config_defaults")`.
    func block(_ first: String, _ more: String...) -> Fields? {
        var current = block(first)
        for name in more { current = current?.block(name) }
        return current
    }

    /// Why a nested block is not known, when it is not.
    func unknownBlockReason(_ name: String) -> String? {
        for block in blocks(name) {
            if case .unknown(let reason, _) = block { return reason }
        }
        return nil
    }

    // MARK: References

    func reference(_ name: String, to kind: ResourceKind) -> ObjectRef? {
        guard let value = value(name) else { return nil }
        return context.reference(value, to: kind) { _ = wrongType(name, expected: "a string", got: $0) }
    }

    /// Every element of a list of references; one unknown reference when the whole list is unknown.
    func references(_ name: String, to kind: ResourceKind) -> [ObjectRef] {
        guard let items = items(name) else { return [] }
        return items.compactMap { item in
            context.reference(item, to: kind) { _ = wrongType(name, expected: "a list of strings", got: $0) }
        }
    }
}

/// The fields of a nested block written as a list of objects or as one object.
func firstBlock(_ value: Value?) -> [String: Value]? {
    switch value {
    case .object(let fields)?: fields
    case .list(let items)?, .set(let items)?: items.first?.fields
    default: nil
    }
}

/// Text forms of values, shared by the mapping.
enum ValueText {
    /// A number as Terraform prints it: `443`, not `443.0`.
    static func number(_ number: Double) -> String {
        if let int = int(number) { return String(int) }
        return String(number)
    }

    /// The whole number a double holds exactly, or nil.
    static func int(_ number: Double) -> Int? {
        guard number.isFinite, number == number.rounded(), abs(number) < 9.0e15 else { return nil }
        return Int(number)
    }
}
