import PerimeterModel

/// The instances a `count` or `for_each` meta-argument asks for, each with its scope.
struct Expansion {
    enum Repetition {
        case single
        case count
        case forEach
    }

    var repetition: Repetition
    var instances: [(key: ResourceInstance.Key?, scope: Scope)]
    /// Set when count / for_each cannot be known: no instance is evaluated, and the reason is kept.
    var unknown: Unknown?
}

extension Evaluator {
    /// Expands `count` / `for_each` of a resource or module block. An unknown count is never guessed.
    func expand(_ body: Body, in scope: Scope, what: String) -> Expansion {
        if let count = body.attribute("count") {
            var value = evaluateReporting(count.expression, in: scope)
            // Terraform converts count to a number: `count = "2"` is 2.
            if case .string(let text) = value, let number = Double(text) { value = .number(number) }
            switch value {
            case .number(let number) where number >= 0 && number == number.rounded():
                if let tooMany = instanceLimitError(number, what: "count of \(what)", at: count.expression.range) {
                    report(tooMany)
                    return Expansion(
                        repetition: .count, instances: [], unknown: Unknown(reason: "count of \(what) is over the instance limit"))
                }
                let instances = (0..<Int(number)).map { index in
                    (key: ResourceInstance.Key?.some(.int(index)), scope: with(scope) { $0.countIndex = .number(Double(index)) })
                }
                return Expansion(repetition: .count, instances: instances)
            case .unknown(let unknown):
                warn(
                    "count of \(what) is not known (\(unknown.reason)); perimeter reads one stand-in for its instances",
                    at: count.range.location)
                return Expansion(repetition: .count, instances: [], unknown: Unknown(reason: "count of \(what) is not known"))
            default:
                report(
                    EvaluationError(
                        "count of \(what) must be a whole non-negative number, not \(value.typeName)", at: count.expression.range))
                return Expansion(repetition: .count, instances: [], unknown: Unknown(reason: "invalid count"))
            }
        }
        if let forEach = body.attribute("for_each") {
            let value = evaluateReporting(forEach.expression, in: scope)
            var pairs: [(String, Value)] = []
            switch value {
            case .object(let fields):
                pairs = fields.filter { $0.key != ResourceMarker.key }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            case .set(let items) where items.allSatisfy({ $0.stringValue != nil }):
                pairs = items.compactMap { $0.stringValue }.sorted().map { ($0, .string($0)) }
            case .set, .list:
                if value.containsUnknown { fallthrough }
                report(
                    EvaluationError(
                        "for_each of \(what) needs a map or a set of strings, not a \(value.typeName); use toset()",
                        at: forEach.expression.range))
                return Expansion(repetition: .forEach, instances: [], unknown: Unknown(reason: "invalid for_each"))
            case .unknown:
                let reason = value.unknown?.reason ?? "its elements are not known"
                warn(
                    "for_each of \(what) is not known (\(reason)); perimeter reads one stand-in for its instances",
                    at: forEach.range.location)
                return Expansion(repetition: .forEach, instances: [], unknown: Unknown(reason: "for_each of \(what) is not known"))
            case .null:
                report(EvaluationError("for_each of \(what) is null", at: forEach.expression.range))
                return Expansion(repetition: .forEach, instances: [], unknown: Unknown(reason: "for_each is null"))
            default:
                report(
                    EvaluationError(
                        "for_each of \(what) needs a map or a set of strings, not a \(value.typeName)",
                        at: forEach.expression.range))
                return Expansion(repetition: .forEach, instances: [], unknown: Unknown(reason: "invalid for_each"))
            }
            if let tooMany = instanceLimitError(Double(pairs.count), what: "for_each of \(what)", at: forEach.expression.range) {
                report(tooMany)
                return Expansion(
                    repetition: .forEach, instances: [], unknown: Unknown(reason: "for_each of \(what) is over the instance limit"))
            }
            let instances = pairs.map { key, element in
                (key: ResourceInstance.Key?.some(.string(key)), scope: with(scope) { $0.each = (.string(key), element) })
            }
            return Expansion(repetition: .forEach, instances: instances)
        }
        return Expansion(repetition: .single, instances: [(key: nil, scope: scope)])
    }

    func with(_ scope: Scope, _ change: (inout Scope) -> Void) -> Scope {
        var copy = scope
        change(&copy)
        return copy
    }
}
