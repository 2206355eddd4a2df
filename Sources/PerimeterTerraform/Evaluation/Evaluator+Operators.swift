import PerimeterModel

/// Arithmetic, comparison, equality and logic, with Terraform's conversions and unknowns.
extension Evaluator {
    func evaluateBinary(
        _ op: BinaryOperator, _ lhs: Expression, _ rhs: Expression, in scope: Scope,
        at range: SourceRange
    ) throws(EvaluationError) -> Value {
        let left = try evaluate(lhs, in: scope)
        // `false && x` and `true || x` are decided by one side alone, whatever the other is.
        if op == .and, left == .bool(false) { return .bool(false) }
        if op == .or, left == .bool(true) { return .bool(true) }
        let right = try evaluate(rhs, in: scope)
        if op == .and, right == .bool(false) { return .bool(false) }
        if op == .or, right == .bool(true) { return .bool(true) }
        switch op {
        case .equal, .notEqual:
            guard let equal = Self.knownEquality(left, right) else {
                return .unknown(Unknown(reason: "a comparison with a value that is not known"))
            }
            return .bool(op == .equal ? equal : !equal)
        case .and, .or:
            if left.isUnknown || right.isUnknown { return .unknown(Unknown(reason: "a logical operand is not known")) }
            guard let a = Self.bool(left), let b = Self.bool(right) else {
                throw EvaluationError("'\(op.rawValue)' needs two bools", at: range)
            }
            return .bool(op == .and ? a && b : a || b)
        default:
            if left.isUnknown || right.isUnknown { return .unknown(Unknown(reason: "an operand of '\(op.rawValue)' is not known")) }
            guard let a = Self.number(left), let b = Self.number(right) else {
                throw EvaluationError("'\(op.rawValue)' needs two numbers, not \(left.typeName) and \(right.typeName)", at: range)
            }
            switch op {
            case .add: return .number(a + b)
            case .subtract: return .number(a - b)
            case .multiply: return .number(a * b)
            case .divide:
                guard b != 0 else { throw EvaluationError("Division by zero", at: range) }
                return .number(a / b)
            case .modulo:
                guard b != 0 else { throw EvaluationError("Modulo by zero", at: range) }
                return .number(a.truncatingRemainder(dividingBy: b))
            case .less: return .bool(a < b)
            case .lessOrEqual: return .bool(a <= b)
            case .greater: return .bool(a > b)
            case .greaterOrEqual: return .bool(a >= b)
            default: return .null
            }
        }
    }

    func evaluateUnary(_ op: UnaryOperator, _ value: Value, at range: SourceRange) throws(EvaluationError) -> Value {
        if case .unknown = value { return .unknown(Unknown(reason: "the operand of '\(op.rawValue)' is not known")) }
        switch op {
        case .not:
            guard let flag = Self.bool(value) else { throw EvaluationError("'!' needs a bool, not \(value.typeName)", at: range) }
            return .bool(!flag)
        case .negate:
            guard let number = Self.number(value) else { throw EvaluationError("'-' needs a number, not \(value.typeName)", at: range) }
            return .number(-number)
        }
    }

    static func number(_ value: Value) -> Double? {
        switch value {
        case .number(let number): number
        case .string(let text): Double(text)
        default: nil
        }
    }

    static func bool(_ value: Value) -> Bool? {
        switch value {
        case .bool(let flag): flag
        case .string("true"): true
        case .string("false"): false
        default: nil
        }
    }

    /// Whether two values are equal, when that is decided: as in Terraform, a known collection
    /// is never null whatever its elements (`local.groups != null` over a map of unknowns is true),
    /// and a prefix that differs decides a partially known string.
    static func knownEquality(_ left: Value, _ right: Value) -> Bool? {
        if !left.containsUnknown && !right.containsUnknown { return equal(left, right) }
        switch (left, right) {
        case (.unknown, .unknown): return nil
        case (.unknown(let unknown), .string(let text)), (.string(let text), .unknown(let unknown)):
            if let partial = unknown.partial, !text.hasPrefix(partial.prefix) || !text.hasSuffix(partial.suffix) { return false }
            return nil
        case (.unknown(let unknown), .null), (.null, .unknown(let unknown)):
            // A template is never null, even with unknown parts, and neither is a resource's ID.
            return unknown.partial != nil || (unknown.resource != nil && unknown.attribute == "id") ? false : nil
        case (.unknown, _), (_, .unknown): return nil
        case (.null, _), (_, .null): return false
        case (.list(let a), .list(let b)), (.set(let a), .set(let b)):
            guard a.count == b.count else { return false }
            return allEqual(zip(a, b).map { knownEquality($0, $1) })
        case (.object(var a), .object(var b)):
            a[ResourceMarker.key] = nil
            b[ResourceMarker.key] = nil
            guard Set(a.keys) == Set(b.keys) else { return false }
            return allEqual(a.keys.map { knownEquality(a[$0]!, b[$0]!) })
        default: return false
        }
    }

    /// Equal when every part is, different when one part is, else not known.
    private static func allEqual(_ parts: [Bool?]) -> Bool? {
        if parts.contains(false) { return false }
        return parts.contains(nil) ? nil : true
    }

    /// Terraform compares values by type and content; a number and its string are not equal.
    static func equal(_ left: Value, _ right: Value) -> Bool {
        switch (left, right) {
        case (.object(var a), .object(var b)):
            a[ResourceMarker.key] = nil
            b[ResourceMarker.key] = nil
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
        case (.list(let a), .list(let b)), (.set(let a), .set(let b)):
            return a.count == b.count && zip(a, b).allSatisfy(equal)
        default:
            return left == right
        }
    }
}
