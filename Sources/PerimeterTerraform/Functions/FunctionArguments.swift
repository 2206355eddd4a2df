/// The arguments of one call, with accessors that convert them as Terraform does and stop the
/// call (through `PendingUnknown`) when the value they need is unknown.
struct Arguments {
    let function: String
    let values: [Value]
    let context: FunctionContext

    var count: Int { values.count }

    /// The argument at `index`, or null past the end (arity is checked before the call).
    subscript(_ index: Int) -> Value {
        values.indices.contains(index) ? values[index] : .null
    }

    /// Arguments from `index` on (for variadic functions).
    func rest(from index: Int) -> ArraySlice<Value> {
        values.dropFirst(index)
    }

    func error(_ message: String) -> FunctionError {
        FunctionError(message)
    }

    /// An error about argument `index` (0-based), phrased with its 1-based position.
    func invalid(_ index: Int, _ problem: String) -> FunctionError {
        FunctionError("Invalid argument \(index + 1) to '\(function)': \(problem)")
    }

    /// The argument itself, known at the top level (its elements may be unknown); null is rejected.
    func known(_ index: Int) throws -> Value {
        try Arguments.requireKnown(self[index])
        if self[index] == .null { throw invalid(index, "must not be null") }
        return self[index]
    }

    /// The argument with nothing unknown inside it.
    func wholly(_ index: Int) throws -> Value {
        try Arguments.requireWhollyKnown(self[index])
        return self[index]
    }

    static func requireKnown(_ value: Value) throws {
        if case .unknown(let unknown) = value { throw PendingUnknown(unknown: unknown) }
    }

    static func requireWhollyKnown(_ value: Value) throws {
        if let unknown = value.firstUnknown { throw PendingUnknown(unknown: unknown) }
    }

    func string(_ index: Int) throws -> String {
        let value = try known(index)
        guard let string = value.toStringValue() else { throw invalid(index, "a string is required, got \(value.typeName)") }
        return string
    }

    func number(_ index: Int) throws -> Double {
        let value = try known(index)
        guard let number = value.toNumberValue() else { throw invalid(index, "a number is required, got \(describe(value))") }
        return number
    }

    /// A whole number that fits an Int.
    func integer(_ index: Int) throws -> Int {
        let number = try number(index)
        guard number == number.rounded(), let integer = Int(exactly: number) else {
            throw invalid(index, "a whole number is required, got \(Value.formatNumber(number))")
        }
        return integer
    }

    func bool(_ index: Int) throws -> Bool {
        let value = try known(index)
        guard let bool = value.toBoolValue() else { throw invalid(index, "a bool is required, got \(describe(value))") }
        return bool
    }

    /// The elements of a list, tuple or set, untouched (they may be unknown).
    func sequence(_ index: Int) throws -> [Value] {
        let value = try known(index)
        guard let elements = value.elements else { throw invalid(index, "a list is required, got \(value.typeName)") }
        return elements
    }

    /// The elements of a list, tuple or set, all wholly known.
    func knownSequence(_ index: Int) throws -> [Value] {
        let elements = try sequence(index)
        for element in elements { try Arguments.requireWhollyKnown(element) }
        return elements
    }

    /// A list converted to `list(string)`: every element known and a primitive.
    func strings(_ index: Int) throws -> [String] {
        try knownSequence(index).map { element in
            guard let string = element.toStringValue() else {
                throw invalid(index, "a list of strings is required, found \(element.typeName)")
            }
            return string
        }
    }

    /// The fields of a map or object, untouched (values may be unknown).
    func object(_ index: Int) throws -> [String: Value] {
        let value = try known(index)
        guard let fields = value.fields else { throw invalid(index, "a map or object is required, got \(value.typeName)") }
        return fields
    }

    private func describe(_ value: Value) -> String {
        if case .string(let string) = value { return "'\(string)'" }
        return value.typeName
    }
}
