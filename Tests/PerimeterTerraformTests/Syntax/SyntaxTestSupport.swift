import PerimeterModel
import Testing

@testable import PerimeterTerraform

/// A compact, readable rendering of expressions so grammar tests compare one string.
enum Render {
    static func expression(_ expression: Expression) -> String {
        switch expression.kind {
        case .literal(let value): return literal(value)
        case .template(let parts): return "\"" + parts.map(part).joined() + "\""
        case .variable(let name): return name
        case .getAttribute(let base, let name): return "\(self.expression(base)).\(name)"
        case .index(let base, let key): return "\(self.expression(base))[\(self.expression(key))]"
        case .splat(let base, let steps): return "splat(\(self.expression(base))\(steps.map(step).joined()))"
        case .functionCall(let name, let arguments, let expand):
            return "\(name)(\(arguments.map(self.expression).joined(separator: ", "))\(expand ? "..." : ""))"
        case .tuple(let items): return "[" + items.map(self.expression).joined(separator: ", ") + "]"
        case .object(let items):
            return "{"
                + items.map { item in
                    let key =
                        item.keyIsBareIdentifier
                        ? String(self.expression(item.key).dropFirst().dropLast()) : "(\(self.expression(item.key)))"
                    return "\(key)=\(self.expression(item.value))"
                }.joined(separator: ", ") + "}"
        case .forExpression(let f):
            let vars = (f.keyVariable.map { "\($0), " } ?? "") + f.valueVariable
            let body =
                (f.keyExpression.map { "\(self.expression($0)) => " } ?? "") + self.expression(f.valueExpression)
                + (f.grouping ? "..." : "")
            let condition = f.condition.map { " if \(self.expression($0))" } ?? ""
            return
                "\(f.keyExpression == nil ? "[" : "{")for \(vars) in \(self.expression(f.collection)) : \(body)\(condition)\(f.keyExpression == nil ? "]" : "}")"
        case .conditional(let c, let t, let e): return "(\(self.expression(c)) ? \(self.expression(t)) : \(self.expression(e)))"
        case .binary(let op, let l, let r): return "(\(self.expression(l)) \(op.rawValue) \(self.expression(r)))"
        case .unary(let op, let operand): return "\(op.rawValue)\(self.expression(operand))"
        case .parenthesized(let inner): return "(\(self.expression(inner)))"
        }
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .number(let number): number == number.rounded() ? String(Int(number)) : String(number)
        default: "?"
        }
    }

    static func part(_ part: TemplatePart) -> String {
        switch part {
        case .literal(let text): text
        case .interpolation(let expression): "${\(self.expression(expression))}"
        case .conditional(let c, let t, let e):
            "%{if \(expression(c))}\(t.map(self.part).joined())%{else}\(e.map(self.part).joined())%{endif}"
        case .loop(let k, let v, let coll, let body):
            "%{for \(k.map { "\($0), " } ?? "")\(v) in \(expression(coll))}\(body.map(self.part).joined())%{endfor}"
        }
    }

    static func step(_ step: TraversalStep) -> String {
        switch step {
        case .attribute(let name): ".\(name)"
        case .index(let key): "[\(expression(key))]"
        }
    }
}

/// Parses `source` as one expression and renders it; fails the test on any diagnostic.
func parsed(_ source: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    let result = HCLParser.parseExpression(source: source, path: "test.tf")
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)", sourceLocation: sourceLocation)
    return result.expression.map(Render.expression) ?? "<nil>"
}

/// Parses a file and returns its diagnostics as `line:column: message`.
func errors(_ source: String) -> [String] {
    HCLParser.parseFile(source: source, path: "bad.tf").diagnostics.map { d in
        "\(d.location?.line ?? 0):\(d.location?.column ?? 0): \(d.message)"
    }
}
