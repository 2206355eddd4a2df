import PerimeterModel

/// Quoted strings, heredocs and template files.
extension Evaluator {
    func evaluateTemplate(_ parts: [TemplatePart], in scope: Scope, at range: SourceRange) throws(EvaluationError) -> Value {
        // A template that is one interpolation and nothing else yields the value itself, unconverted.
        if parts.count == 1, case .interpolation(let expression) = parts[0] {
            return try evaluate(expression, in: scope)
        }
        var rendering = Rendering()
        try render(parts, in: scope, at: range, into: &rendering)
        guard let unknown = rendering.unknown else { return .string(rendering.text) }
        // Like Terraform's refinements, the known text around the unknown parts stays known.
        let partial = PartialString(prefix: rendering.prefix ?? "", suffix: rendering.text, written: rendering.written)
        return .unknown(Unknown(reason: "a string built from a value that is not known: \(unknown.reason)", partial: partial))
    }

    /// A template being rendered: `text` is everything since the last unknown part.
    private struct Rendering {
        var text = ""
        var written = ""
        /// The text before the first unknown part, once there is one.
        var prefix: String?
        var unknown: Unknown?

        mutating func append(_ literal: String) {
            text += literal
            written += literal
        }

        /// `expression` names what the part was written as, when the unknown itself does not say.
        mutating func appendUnknown(_ part: Unknown, from expression: Expression? = nil) {
            let partial = part.partial
            if prefix == nil { prefix = text + (partial?.prefix ?? "") }
            unknown = unknown ?? part
            written += partial?.written ?? "${\(part.reference ?? expression.flatMap(Self.reference) ?? "?")}"
            text = partial?.suffix ?? ""
        }

        /// `var.port`, `local.groups.name`: a reference as written, or nil for anything else.
        static func reference(_ expression: Expression) -> String? {
            switch expression.kind {
            case .variable(let name): name
            case .getAttribute(let base, let name): reference(base).map { $0 + "." + name }
            default: nil
            }
        }
    }

    private func render(
        _ parts: [TemplatePart], in scope: Scope, at range: SourceRange,
        into rendering: inout Rendering
    ) throws(EvaluationError) {
        for part in parts {
            try checkTemplateLength(rendering.written, at: range)
            switch part {
            case .literal(let literal):
                rendering.append(literal)
            case .interpolation(let expression):
                let value = try evaluate(expression, in: scope)
                if case .unknown(let reason) = value {
                    rendering.appendUnknown(reason, from: expression)
                } else if value.containsUnknown {
                    rendering.appendUnknown(Unknown(reason: "part of an interpolated value is not known"))
                } else if let string = TerraformText.string(value) {
                    rendering.append(string)
                } else if value == .null {
                    throw EvaluationError("Cannot include a null value in a string", at: expression.range)
                } else {
                    throw EvaluationError(
                        "Cannot include a \(value.typeName) in a string; use jsonencode() or join()", at: expression.range)
                }
            case .conditional(let condition, let then, let otherwise):
                switch try evaluate(condition, in: scope) {
                case .bool(let flag):
                    try render(flag ? then : otherwise, in: scope, at: range, into: &rendering)
                case .unknown(let reason):
                    rendering.appendUnknown(Unknown(reason: reason.reason))
                default:
                    throw EvaluationError("The condition of %{if} must be a bool", at: condition.range)
                }
            case .loop(let keyVariable, let valueVariable, let collectionExpression, let body):
                let collection = try evaluate(collectionExpression, in: scope)
                let pairs: [(Value, Value)]
                switch collection {
                case .list(let items): pairs = items.enumerated().map { (.number(Double($0.offset)), $0.element) }
                case .set(let items): pairs = items.map { ($0, $0) }
                case .object(let fields): pairs = fields.sorted { $0.key < $1.key }.map { (.string($0.key), $0.value) }
                case .unknown(let reason):
                    rendering.appendUnknown(Unknown(reason: reason.reason))
                    continue
                default:
                    throw EvaluationError("%{for} needs a collection, not \(collection.typeName)", at: collectionExpression.range)
                }
                for (key, value) in pairs {
                    try countStep(at: range)
                    var inner = scope.binding(valueVariable, to: value)
                    if let keyVariable { inner = inner.binding(keyVariable, to: key) }
                    try render(body, in: inner, at: range, into: &rendering)
                }
            }
        }
    }

    /// `templatefile(path, vars)`: the file's template evaluated with only `vars` in scope.
    func renderTemplateFile(_ path: String, variables: Value, module: ModuleInstance) throws -> Value {
        // Terraform refuses templatefile() inside a template file; that also bounds a template that renders itself.
        if let outer = templateFiles.last, templateFiles.count >= EvaluationLimits.maximumTemplateDepth {
            throw EvaluationError("templatefile() cannot be called from inside a template file ('\(outer)' is being rendered)")
        }
        templateFiles.append(path)
        defer { templateFiles.removeLast() }
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw FunctionError(message: "Cannot read template file '\(path)'")
        }
        let parsed = HCLParser.parseTemplate(source: source, path: path)
        if let first = parsed.diagnostics.first { throw FunctionError(message: first.description) }
        var scope = Scope(module: module)
        for (name, value) in variables.fields ?? [:] { scope.names[name] = value }
        let range = SourceRange(file: path, start: .init(line: 1, column: 1, offset: 0), end: .init(line: 1, column: 1, offset: 0))
        do {
            return try evaluateTemplate(parsed.parts, in: scope, at: range)
        } catch {
            if error.isBudgetStop { throw error }
            throw FunctionError(message: error.message)
        }
    }
}
