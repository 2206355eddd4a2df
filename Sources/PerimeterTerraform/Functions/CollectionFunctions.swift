/// Functions that build, pick from and inspect lists, sets and maps. They keep unknown elements
/// untouched wherever Terraform would know the structure anyway.
enum CollectionFunctions {
    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("concat", .atLeast(1)) { arguments in
            var result: [Value] = []
            for index in 0..<arguments.count { result += try arguments.sequence(index) }
            return .list(result)
        },
        FunctionDefinition("merge", .atLeast(0)) { arguments in
            var result: [String: Value] = [:]
            for index in 0..<arguments.count where arguments[index] != .null {
                result.merge(try arguments.object(index)) { _, later in later }
            }
            return .object(result)
        },
        FunctionDefinition("flatten", .exactly(1)) { arguments in
            .list(flatten(try arguments.sequence(0)))
        },
        FunctionDefinition("distinct", .exactly(1)) { arguments in
            // perimeter knows more than Terraform here: two references to different resource
            // attributes stay two elements (Terraform makes the whole list unknown).
            let elements = try unify(try knownOrReferences(arguments.sequence(0)), arguments)
            var seen = Set<Value>()
            return .list(elements.filter { seen.insert($0).inserted })
        },
        FunctionDefinition("compact", .exactly(1)) { arguments in
            let elements = try knownOrReferences(arguments.sequence(0)).filter { $0 != .null }
            let strings = try elements.map { element -> Value in
                if element.isUnknown { return element }
                guard let string = element.toStringValue() else {
                    throw arguments.invalid(0, "a list of strings is required, found \(element.typeName)")
                }
                return .string(string)
            }
            // A resource attribute reference (an ID, an ARN) is never "": it is kept, where Terraform
            // would make the whole list unknown.
            return .list(strings.filter { $0 != .string("") })
        },
        FunctionDefinition("lookup", .between(2, 3)) { arguments in
            let fields = try arguments.object(0)
            let key = try arguments.string(1)
            if let value = fields[key] { return value }
            if arguments.count == 3 { return arguments[2] }
            throw arguments.error("The map given to 'lookup' has no element '\(key)' and no default was given")
        },
        FunctionDefinition("element", .exactly(2)) { arguments in
            if case .set = try arguments.known(0) {
                throw arguments.invalid(0, "cannot read elements from a set; convert it with tolist first")
            }
            let elements = try arguments.sequence(0)
            let index = try arguments.integer(1)
            guard !elements.isEmpty else { throw arguments.error("Cannot use 'element' with an empty list") }
            guard index >= 0 else { throw arguments.invalid(1, "the index must not be negative, got \(index)") }
            return elements[index % elements.count]
        },
        FunctionDefinition("length", .exactly(1), length),
        FunctionDefinition("keys", .exactly(1)) { arguments in
            .list(try arguments.object(0).keys.sorted(by: Value.lexicallyPrecedes).map(Value.string))
        },
        FunctionDefinition("values", .exactly(1)) { arguments in
            let fields = try arguments.object(0)
            return .list(fields.keys.sorted(by: Value.lexicallyPrecedes).compactMap { fields[$0] })
        },
        FunctionDefinition("contains", .exactly(2)) { arguments in
            let elements = try arguments.sequence(0)
            let wanted = try arguments.wholly(1)
            if elements.contains(where: { !$0.containsUnknown && $0 == wanted }) { return .bool(true) }
            if let unknown = elements.lazy.compactMap(\.firstUnknown).first { throw PendingUnknown(unknown: unknown) }
            return .bool(false)
        },
        FunctionDefinition("coalesce", .atLeast(1)) { arguments in
            for value in try unify(Array(arguments.values), arguments) {
                // A resource attribute is never null or "": it is the answer (Terraform says unknown).
                if case .unknown(let unknown) = value, unknown.isResourceAttribute { return value }
                if case .unknown(let unknown) = value { throw PendingUnknown(unknown: unknown) }
                if value != .null, value != .string("") { return value }
            }
            throw arguments.error("'coalesce' found no non-null, non-empty-string argument")
        },
        FunctionDefinition("coalescelist", .atLeast(1)) { arguments in
            for index in 0..<arguments.count where arguments[index] != .null {
                if try !arguments.sequence(index).isEmpty { return arguments[index] }
            }
            throw arguments.error("'coalescelist' found no non-empty list argument")
        },
        FunctionDefinition("one", .exactly(1)) { arguments in
            let elements = try arguments.sequence(0)
            if elements.count > 1, case .set = arguments[0], let unknown = elements.lazy.compactMap(\.firstUnknown).first {
                // Unknown set elements may turn out equal and collapse into one.
                throw PendingUnknown(unknown: unknown)
            }
            guard elements.count <= 1 else {
                throw arguments.invalid(0, "must have zero or one elements, got \(elements.count)")
            }
            return elements.first ?? .null
        },
        FunctionDefinition("alltrue", .exactly(1)) { arguments in
            try truthSearch(arguments, looksFor: false)
        },
        FunctionDefinition("anytrue", .exactly(1)) { arguments in
            try truthSearch(arguments, looksFor: true)
        },
        FunctionDefinition("index", .exactly(2)) { arguments in
            let elements = try arguments.sequence(0)
            let wanted = try arguments.wholly(1)
            for (position, element) in elements.enumerated() {
                try Arguments.requireWhollyKnown(element)
                if element == wanted { return .number(Double(position)) }
            }
            throw arguments.error("'index' found no element equal to the given value")
        },
        FunctionDefinition("reverse", .exactly(1)) { arguments in
            .list(try arguments.sequence(0).reversed())
        },
        FunctionDefinition("slice", .exactly(3)) { arguments in
            let elements = try arguments.sequence(0)
            let start = try arguments.integer(1)
            let end = try arguments.integer(2)
            guard start >= 0 else { throw arguments.invalid(1, "the start index must not be negative") }
            guard end <= elements.count else {
                throw arguments.invalid(2, "the end index must not be greater than the length of the list (\(elements.count))")
            }
            guard start <= end else { throw arguments.invalid(1, "the start index must not be greater than the end index") }
            return .list(Array(elements[start..<end]))
        },
        FunctionDefinition("chunklist", .exactly(2)) { arguments in
            let elements = try arguments.sequence(0)
            let size = try arguments.integer(1)
            guard size >= 0 else { throw arguments.invalid(1, "the chunk size must not be negative") }
            if size == 0 || elements.isEmpty { return .list(elements.isEmpty ? [] : [.list(elements)]) }
            return .list(
                stride(from: 0, to: elements.count, by: size).map { start in
                    .list(Array(elements[start..<min(start + size, elements.count)]))
                })
        },
        FunctionDefinition("zipmap", .exactly(2)) { arguments in
            let keys = try arguments.strings(0)
            let values = try arguments.sequence(1)
            guard keys.count == values.count else {
                throw arguments.error("'zipmap' got \(keys.count) keys but \(values.count) values")
            }
            return .object(Dictionary(zip(keys, values), uniquingKeysWith: { _, later in later }))
        }
    ]

    /// Lists, tuples and sets are spliced in, recursively; anything else is an element. An unknown
    /// element is kept as one element: `Value` carries no type, and a reference to a resource
    /// attribute (`aws_security_group.node.id`) is almost always a single value.
    static func flatten(_ elements: [Value]) -> [Value] {
        elements.flatMap { element -> [Value] in
            if let nested = element.elements { return flatten(nested) }
            return [element]
        }
    }

    @Sendable static func length(_ arguments: Arguments) throws -> Value {
        switch try arguments.known(0) {
        case .string(let string): return .number(Double(string.count))
        case .list(let elements): return .number(Double(elements.count))
        case .set(let elements):
            // Unknown set elements may turn out equal to others, so the count is unknown.
            if let unknown = elements.lazy.compactMap(\.firstUnknown).first { throw PendingUnknown(unknown: unknown) }
            return .number(Double(elements.count))
        case .object(let fields): return .number(Double(fields.count))
        case let other: throw arguments.invalid(0, "a collection or a string is required, got \(other.typeName)")
        }
    }

    /// `alltrue` (looking for a false) and `anytrue` (looking for a true): a known decisive element
    /// settles the answer even when others are unknown.
    static func truthSearch(_ arguments: Arguments, looksFor decisive: Bool) throws -> Value {
        var pending: Unknown?
        for element in try arguments.sequence(0) {
            if case .unknown(let unknown) = element {
                pending = pending ?? unknown
                continue
            }
            guard let bool = element.toBoolValue() else {
                throw arguments.invalid(0, "a list of bools is required, found \(element.typeName)")
            }
            if bool == decisive { return .bool(decisive) }
        }
        if let pending { throw PendingUnknown(unknown: pending) }
        return .bool(!decisive)
    }

    /// The elements when each is wholly known or a single resource attribute reference, which
    /// perimeter can treat as a distinct non-empty string; any other unknown makes the result unknown.
    static func knownOrReferences(_ elements: [Value]) throws -> [Value] {
        for element in elements where !(element.unknown?.isResourceAttribute ?? false) {
            try Arguments.requireWhollyKnown(element)
        }
        return elements
    }

    /// Elements converted to one type, as Terraform does for `list(...)` parameters.
    static func unify(_ elements: [Value], _ arguments: Arguments) throws -> [Value] {
        guard let unified = Value.unified(elements) else {
            throw arguments.error("The arguments to '\(arguments.function)' must all have the same type")
        }
        return unified
    }
}
