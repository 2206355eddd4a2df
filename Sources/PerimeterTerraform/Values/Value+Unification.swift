/// Terraform's type unification for collections: the elements of a list, set or map must share
/// one type, so `tolist(["a", 1])` is `["a", "1"]` and `tolist([1, true])` is an error.
/// Unknown and null elements fit any type and are left untouched.
extension Value {
    /// The shape a value has, as far as unification cares.
    private indirect enum Shape: Equatable {
        case any
        case string
        case number
        case bool
        case sequence(Shape)
        case record([String: Shape])
        case mapping(Shape)
        /// Several element types that do not unify (a tuple): kept as is, never converted.
        case opaque
    }

    private struct Mismatch: Error {}

    /// The elements converted to their common type; nil when they have none.
    public static func unified(_ elements: [Value]) -> [Value]? {
        guard let shape = try? commonShape(elements.map(shape(of:))) else { return nil }
        return elements.map { convert($0, to: shape) }
    }

    /// Builds a set as Terraform holds it: elements unified, duplicates dropped, strings in
    /// byte order, numbers ascending, false before true. Unknown elements cannot be compared,
    /// so they stay (after the known ones) unless two of them name the same reference.
    public static func makeSet(_ elements: [Value]) -> Value? {
        guard let converted = unified(elements) else { return nil }
        var seen = Set<Value>()
        var known: [Value] = []
        var unknowns: [Value] = []
        for element in converted {
            if element.containsUnknown {
                let isSameReference = element.unknown?.reference != nil && unknowns.contains(element)
                if !isSameReference { unknowns.append(element) }
            } else if seen.insert(element).inserted {
                known.append(element)
            }
        }
        return .set(sortedForSet(known) + unknowns)
    }

    private static func sortedForSet(_ values: [Value]) -> [Value] {
        if values.allSatisfy({ $0.stringValue != nil }) {
            return values.sorted { lexicallyPrecedes($0.stringValue ?? "", $1.stringValue ?? "") }
        }
        if values.allSatisfy({ $0.numberValue != nil }) {
            return values.sorted { ($0.numberValue ?? 0) < ($1.numberValue ?? 0) }
        }
        if values.allSatisfy({ $0.boolValue != nil }) {
            return values.sorted { $0.boolValue == false && $1.boolValue == true }
        }
        return values
    }

    private static func shape(of value: Value) -> Shape {
        switch value {
        case .null, .unknown: .any
        case .string: .string
        case .number: .number
        case .bool: .bool
        case .list(let items), .set(let items):
            .sequence((try? commonShape(items.map(shape(of:)))) ?? .opaque)
        case .object(let fields): .record(fields.mapValues(shape(of:)))
        }
    }

    private static func commonShape(_ shapes: [Shape]) throws -> Shape {
        try shapes.reduce(Shape.any, merge)
    }

    private static func merge(_ left: Shape, _ right: Shape) throws -> Shape {
        switch (left, right) {
        case (.any, _): return right
        case (_, .any): return left
        case _ where left == right: return left
        case (.string, .number), (.string, .bool), (.number, .string), (.bool, .string): return .string
        case (.sequence(let a), .sequence(let b)): return .sequence(try merge(a, b))
        case (.record(let a), .record(let b)):
            if Set(a.keys) == Set(b.keys) {
                var fields: [String: Shape] = [:]
                for (key, shape) in a { fields[key] = try merge(shape, b[key] ?? .any) }
                return .record(fields)
            }
            return .mapping(try commonShape(Array(a.values) + Array(b.values)))
        case (.record(let fields), .mapping(let element)), (.mapping(let element), .record(let fields)):
            return .mapping(try commonShape([element] + Array(fields.values)))
        case (.mapping(let a), .mapping(let b)): return .mapping(try merge(a, b))
        default: throw Mismatch()
        }
    }

    private static func convert(_ value: Value, to shape: Shape) -> Value {
        switch (value, shape) {
        case (.null, _), (.unknown, _), (_, .any), (_, .opaque): return value
        case (_, .string): return value.toStringValue().map(Value.string) ?? value
        case (.list(let items), .sequence(let element)): return .list(items.map { convert($0, to: element) })
        case (.set(let items), .sequence(let element)): return .set(items.map { convert($0, to: element) })
        case (.object(let fields), .record(let shapes)):
            return .object(
                fields.reduce(into: [:]) { result, field in
                    result[field.key] = convert(field.value, to: shapes[field.key] ?? .any)
                })
        case (.object(let fields), .mapping(let element)): return .object(fields.mapValues { convert($0, to: element) })
        default: return value
        }
    }

    /// The values of a map converted to one type (`tomap`); nil when they have none.
    public static func unifiedMap(_ fields: [String: Value]) -> [String: Value]? {
        let keys = fields.keys.sorted(by: lexicallyPrecedes)
        guard let values = unified(keys.map { fields[$0] ?? .null }) else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(keys, values))
    }
}
