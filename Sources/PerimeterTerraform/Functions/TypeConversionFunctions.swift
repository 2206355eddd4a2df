/// Type conversions (`tostring`, `tonumber`, `tobool`, `tolist`, `toset`, `tomap`) and the
/// sensitivity markers. A single unknown argument passes through unchanged: converting a
/// reference does not change what it refers to.
enum TypeConversionFunctions {
    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("tostring", .exactly(1)) { arguments in
            try passThrough(arguments) { value in
                guard let string = value.toStringValue() else { throw cannotConvert(value, to: "string") }
                return .string(string)
            }
        },
        FunctionDefinition("tonumber", .exactly(1)) { arguments in
            try passThrough(arguments) { value in
                guard let number = value.toNumberValue() else { throw cannotConvert(value, to: "number") }
                return .number(number)
            }
        },
        FunctionDefinition("tobool", .exactly(1)) { arguments in
            try passThrough(arguments) { value in
                guard let bool = value.toBoolValue() else { throw cannotConvert(value, to: "bool") }
                return .bool(bool)
            }
        },
        FunctionDefinition("tolist", .exactly(1)) { arguments in
            try passThrough(arguments) { value in
                guard let elements = value.elements else { throw cannotConvert(value, to: "list") }
                guard let unified = Value.unified(elements) else {
                    throw FunctionError("Cannot convert a tuple to a list: its elements have no single type")
                }
                return .list(unified)
            }
        },
        FunctionDefinition("toset", .exactly(1)) { arguments in
            try passThrough(arguments) { value in
                guard let elements = value.elements else { throw cannotConvert(value, to: "set") }
                guard let set = Value.makeSet(elements) else {
                    throw FunctionError("Cannot convert a tuple to a set: its elements have no single type")
                }
                return set
            }
        },
        FunctionDefinition("tomap", .exactly(1)) { arguments in
            try passThrough(arguments) { value in
                guard let fields = value.fields else { throw cannotConvert(value, to: "map") }
                guard let unified = Value.unifiedMap(fields) else {
                    throw FunctionError("Cannot convert an object to a map: its values have no single type")
                }
                return .object(unified)
            }
        },
        // perimeter does not track sensitivity: the value itself is what matters for an audit.
        FunctionDefinition("sensitive", .exactly(1)) { arguments in arguments[0] },
        FunctionDefinition("nonsensitive", .exactly(1)) { arguments in arguments[0] },
        FunctionDefinition("issensitive", .exactly(1)) { _ in
            .unknown(Unknown(reason: "perimeter does not track which values are sensitive (issensitive())"))
        },
        FunctionDefinition("ephemeralasnull", .exactly(1)) { _ in
            .unknown(Unknown(reason: "perimeter does not track which values are ephemeral (ephemeralasnull())"))
        }
    ]

    /// Null converts to null and an unknown stays the very same unknown; anything else is converted.
    private static func passThrough(_ arguments: Arguments, _ convert: (Value) throws -> Value) throws -> Value {
        let value = arguments[0]
        switch value {
        case .null, .unknown: return value
        default: return try convert(value)
        }
    }

    private static func cannotConvert(_ value: Value, to type: String) -> FunctionError {
        if case .string(let string) = value { return FunctionError("Cannot convert '\(string)' to \(type)") }
        return FunctionError("Cannot convert \(value.typeName) to \(type)")
    }
}
