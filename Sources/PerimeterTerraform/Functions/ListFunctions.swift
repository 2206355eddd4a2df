/// Functions that compute new lists or maps from the contents of their arguments: `sort`, `sum`,
/// `transpose`, `matchkeys`, `range`.
enum ListFunctions {
    /// Terraform refuses to build a range longer than this.
    static let rangeLimit = 1024

    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("sort", .exactly(1)) { arguments in
            let strings = try arguments.strings(0)
            return .list(strings.sorted(by: Value.lexicallyPrecedes).map(Value.string))
        },
        FunctionDefinition("sum", .exactly(1)) { arguments in
            let elements = try arguments.knownSequence(0)
            guard !elements.isEmpty else { throw arguments.invalid(0, "cannot sum an empty list") }
            return .number(
                try elements.reduce(0) { total, element in
                    guard let number = element.toNumberValue() else {
                        throw arguments.invalid(0, "a list of numbers is required, found \(element.typeName)")
                    }
                    return total + number
                })
        },
        FunctionDefinition("transpose", .exactly(1)) { arguments in
            let fields = try arguments.wholly(0).fields ?? [:]
            guard case .object = arguments[0] else { throw arguments.invalid(0, "a map of lists of strings is required") }
            var result: [String: [Value]] = [:]
            for key in fields.keys.sorted(by: Value.lexicallyPrecedes) {
                guard let elements = fields[key]?.elements else {
                    throw arguments.invalid(0, "a map of lists of strings is required")
                }
                for element in elements {
                    guard let string = element.toStringValue() else {
                        throw arguments.invalid(0, "a map of lists of strings is required")
                    }
                    result[string, default: []].append(.string(key))
                }
            }
            return .object(result.mapValues(Value.list))
        },
        FunctionDefinition("matchkeys", .exactly(3)) { arguments in
            let values = try arguments.sequence(0)
            let keys = try arguments.knownSequence(1)
            let searchSet = try arguments.knownSequence(2)
            guard values.count == keys.count else {
                throw arguments.error("'matchkeys' needs as many values as keys, got \(values.count) and \(keys.count)")
            }
            // Keys and search set share one type, as in Terraform: ["1"] matches [1].
            let both = try CollectionFunctions.unify(keys + searchSet, arguments)
            let searched = Set(both.dropFirst(keys.count))
            return .list(
                zip(values, both.prefix(keys.count)).compactMap { value, key in
                    searched.contains(key) ? value : nil
                })
        },
        FunctionDefinition("range", .between(1, 3), range)
    ]

    @Sendable static func range(_ arguments: Arguments) throws -> Value {
        let numbers = try (0..<arguments.count).map { try arguments.number($0) }
        let start = numbers.count == 1 ? 0 : numbers[0]
        let limit = numbers.count == 1 ? numbers[0] : numbers[1]
        let step = numbers.count == 3 ? numbers[2] : (start <= limit ? 1 : -1)
        guard step != 0 else { throw arguments.error("The step of 'range' must not be zero") }
        if (step > 0 && start > limit) || (step < 0 && start < limit) {
            throw arguments.error(
                "The step of 'range' must be \(step > 0 ? "negative" : "positive") to go from \(Value.formatNumber(start)) to \(Value.formatNumber(limit))"
            )
        }
        var result: [Value] = []
        var index = 0.0
        while true {
            let value = cleaned(start + index * step, step: step)
            guard step > 0 ? value < limit : value > limit else { break }
            guard result.count < rangeLimit else {
                throw arguments.error("'range' would produce more than \(rangeLimit) elements")
            }
            result.append(.number(value))
            index += 1
        }
        return .list(result)
    }

    /// Terraform adds steps in arbitrary precision, so `range(0, 1, 0.1)` gives `0.3`, not
    /// `0.30000000000000004`: snap tiny binary errors of fractional steps to 12 decimals.
    static func cleaned(_ value: Double, step: Double) -> Double {
        guard step != step.rounded(), abs(value) < 1e6 else { return value }
        let snapped = (value * 1e12).rounded() / 1e12
        return abs(snapped - value) < 1e-9 ? snapped : value
    }
}
