/// Set algebra: `setunion`, `setintersection`, `setsubtract`, `setproduct`. Results are sets in
/// Terraform's order (see `Value.makeSet`).
enum SetFunctions {
    /// Larger products are refused rather than built.
    static let maximumProduct = 1_000_000

    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("setunion", .atLeast(1)) { arguments in
            // Unknown elements stay: the union holds them whatever they turn out to be.
            let all = try (0..<arguments.count).flatMap { try arguments.sequence($0) }
            return try makeSet(all, arguments)
        },
        FunctionDefinition("setintersection", .atLeast(1)) { arguments in
            let sets = try (0..<arguments.count).map { try arguments.knownSequence($0) }
            let unified = try CollectionFunctions.unify(sets.flatMap { $0 }, arguments)
            var groups: [Set<Value>] = []
            var offset = 0
            for set in sets {
                groups.append(Set(unified[offset..<offset + set.count]))
                offset += set.count
            }
            let first = unified.prefix(sets.first?.count ?? 0)
            return try makeSet(first.filter { element in groups.allSatisfy { $0.contains(element) } }, arguments)
        },
        FunctionDefinition("setsubtract", .exactly(2)) { arguments in
            let left = try arguments.knownSequence(0)
            let right = try arguments.knownSequence(1)
            let unified = try CollectionFunctions.unify(left + right, arguments)
            let removed = Set(unified.dropFirst(left.count))
            return try makeSet(unified.prefix(left.count).filter { !removed.contains($0) }, arguments)
        },
        FunctionDefinition("setproduct", .atLeast(2)) { arguments in
            var factors: [[Value]] = []
            var anySet = false
            for index in 0..<arguments.count {
                let elements = try arguments.sequence(index)
                if case .set = arguments[index] {
                    anySet = true
                    // Unknown set elements may collapse, so the product's size is unknown.
                    if let unknown = elements.lazy.compactMap(\.firstUnknown).first {
                        throw PendingUnknown(unknown: unknown)
                    }
                }
                factors.append(elements)
            }
            let size = factors.reduce(1.0) { $0 * Double($1.count) }
            guard size <= Double(maximumProduct) else {
                throw arguments.error("'setproduct' would produce \(Value.formatNumber(size)) elements, more than \(maximumProduct)")
            }
            var product: [[Value]] = [[]]
            for factor in factors {
                product = product.flatMap { prefix in factor.map { prefix + [$0] } }
            }
            let tuples = product.map(Value.list)
            return anySet ? .set(tuples) : .list(tuples)
        }
    ]

    static func makeSet(_ elements: [Value], _ arguments: Arguments) throws -> Value {
        guard let set = Value.makeSet(elements) else {
            throw arguments.error("The elements given to '\(arguments.function)' must all have the same type")
        }
        return set
    }
}
