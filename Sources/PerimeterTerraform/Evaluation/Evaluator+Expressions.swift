import PerimeterModel

/// The expression language: literals, collections, conditionals, operators, `for` expressions.
extension Evaluator {
    func evaluate(_ expression: Expression, in scope: Scope) throws(EvaluationError) -> Value {
        try enterEvaluation(at: expression.range)
        defer { evaluationDepth -= 1 }
        switch expression.kind {
        case .literal(let value):
            return value
        case .template(let parts):
            return try evaluateTemplate(parts, in: scope, at: expression.range)
        case .variable, .getAttribute, .index:
            return try evaluateReference(expression, in: scope)
        case .splat(let source, let traversal):
            return try evaluateSplat(source, traversal, in: scope, at: expression.range)
        case .functionCall(let name, let arguments, let expandFinal):
            return try callFunction(name, arguments, expandFinal: expandFinal, in: scope, at: expression.range)
        case .tuple(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try evaluate(item, in: scope)) }
            return .list(values)
        case .object(let items):
            return try evaluateObject(items, in: scope)
        case .forExpression(let forExpression):
            return try evaluateFor(forExpression, in: scope, at: expression.range)
        case .conditional(let condition, let then, let otherwise):
            return try evaluateConditional(condition, then, otherwise, in: scope)
        case .binary(let op, let lhs, let rhs):
            return try evaluateBinary(op, lhs, rhs, in: scope, at: expression.range)
        case .unary(let op, let operand):
            return try evaluateUnary(op, try evaluate(operand, in: scope), at: expression.range)
        case .parenthesized(let inner):
            return try evaluate(inner, in: scope)
        }
    }

    private func evaluateObject(_ items: [ObjectItem], in scope: Scope) throws(EvaluationError) -> Value {
        var fields: [String: Value] = [:]
        var unknownKey: Unknown?
        for item in items {
            let key: Value
            if item.keyIsBareIdentifier, case .template(let parts) = item.key.kind, case .literal(let name)? = parts.first {
                key = .string(name)
            } else {
                key = try evaluate(item.key, in: scope)
            }
            let value = try evaluate(item.value, in: scope)
            if case .unknown(let unknown) = key {
                unknownKey = unknown
                continue
            }
            guard let name = TerraformText.string(key) else {
                throw EvaluationError("Object keys must be strings, not \(key.typeName)", at: item.key.range)
            }
            fields[name] = value
        }
        if let unknownKey { return .unknown(Unknown(reason: "an object key is not known: \(unknownKey.reason)")) }
        return .object(fields)
    }

    private func evaluateConditional(
        _ condition: Expression, _ then: Expression, _ otherwise: Expression,
        in scope: Scope
    ) throws(EvaluationError) -> Value {
        let test = try evaluate(condition, in: scope)
        switch test {
        case .bool(let flag):
            return try unifiedBranch(flag ? then : otherwise, other: flag ? otherwise : then, in: scope)
        case .string("true"):
            return try unifiedBranch(then, other: otherwise, in: scope)
        case .string("false"):
            return try unifiedBranch(otherwise, other: then, in: scope)
        case .unknown(let unknown):
            // Both sides may still agree; otherwise the result is as unknown as the condition.
            let first = try? evaluate(then, in: scope)
            let second = try? evaluate(otherwise, in: scope)
            if let first, first == second, !first.containsUnknown { return first }
            return .unknown(Unknown(reason: "the condition is not known: \(unknown.reason)"))
        case .null:
            throw EvaluationError("The condition is null; it must be true or false", at: condition.range)
        default:
            throw EvaluationError("The condition must be a bool, not \(test.typeName)", at: condition.range)
        }
    }

    /// The chosen branch converted to the type both branches share, as Terraform does: in
    /// `var.on ? toset(var.names) : []` the empty tuple becomes an empty set. The other branch is
    /// evaluated only when the chosen one is a tuple, the one case where its type matters here.
    private func unifiedBranch(_ chosen: Expression, other: Expression, in scope: Scope) throws(EvaluationError) -> Value {
        let value = try evaluate(chosen, in: scope)
        guard case .list(let items) = value else { return value }
        switch try? evaluate(other, in: scope) {
        case .set?: break
        // An unknown carries no type here; a set-making call still tells it (`toset(var.unknown)`).
        case .unknown? where Self.makesSet(other): break
        default: return value
        }
        return Value.makeSet(items) ?? value
    }

    /// Whether the expression's value is a set whatever its arguments: a call to a function that returns one.
    static func makesSet(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .functionCall(let name, _, _):
            ["toset", "setunion", "setintersection", "setsubtract", "setproduct"].contains(
                name.split(separator: ":").last.map(String.init) ?? name)
        case .parenthesized(let inner): makesSet(inner)
        case .conditional(_, let then, let otherwise): makesSet(then) || makesSet(otherwise)
        default: false
        }
    }

    private func evaluateFor(_ expression: ForExpression, in scope: Scope, at range: SourceRange) throws(EvaluationError) -> Value {
        let collection = try evaluate(expression.collection, in: scope)
        let pairs: [(Value, Value)]
        switch collection {
        case .list(let items):
            pairs = items.enumerated().map { (.number(Double($0.offset)), $0.element) }
        case .set(let items):
            pairs = items.map { ($0, $0) }
        case .object(let fields):
            pairs = fields.filter { $0.key != ResourceMarker.key }.sorted { $0.key < $1.key }.map { (.string($0.key), $0.value) }
        case .unknown(let unknown):
            return .unknown(Unknown(reason: "the collection of a for expression is not known: \(unknown.reason)"))
        case .null:
            throw EvaluationError("A for expression cannot iterate over null", at: expression.collection.range)
        default:
            throw EvaluationError(
                "A for expression needs a list, set, map or object, not \(collection.typeName)",
                at: expression.collection.range)
        }
        var tuple: [Value] = []
        var object: [String: Value] = [:]
        var groups: [String: [Value]] = [:]
        for (key, value) in pairs {
            try countStep(at: range)
            var inner = scope.binding(expression.valueVariable, to: value)
            if let keyVariable = expression.keyVariable { inner = inner.binding(keyVariable, to: key) }
            if let condition = expression.condition {
                switch try evaluate(condition, in: inner) {
                case .bool(true): break
                case .bool(false): continue
                case .unknown(let unknown):
                    return .unknown(Unknown(reason: "a for expression's condition is not known: \(unknown.reason)"))
                default:
                    throw EvaluationError("The condition of a for expression must be a bool", at: condition.range)
                }
            }
            let element = try evaluate(expression.valueExpression, in: inner)
            guard let keyExpression = expression.keyExpression else {
                tuple.append(element)
                continue
            }
            let keyValue = try evaluate(keyExpression, in: inner)
            if case .unknown(let unknown) = keyValue {
                return .unknown(Unknown(reason: "a key of a for expression is not known: \(unknown.reason)"))
            }
            guard let name = TerraformText.string(keyValue) else {
                throw EvaluationError("The keys of a for expression must be strings, not \(keyValue.typeName)", at: keyExpression.range)
            }
            if expression.grouping {
                groups[name, default: []].append(element)
            } else if object[name] != nil {
                throw EvaluationError("Two elements of the for expression have the key '\(name)'; add '...' to group them", at: range)
            } else {
                object[name] = element
            }
        }
        if expression.keyExpression == nil { return .list(tuple) }
        return expression.grouping ? .object(groups.mapValues { .list($0) }) : .object(object)
    }
}
