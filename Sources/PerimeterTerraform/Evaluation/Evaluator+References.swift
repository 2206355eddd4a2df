import PerimeterModel

/// References (`var.x`, `local.x`, `aws_x.y.attr`, `module.m.out`, `each.value`, ...) and traversals.
extension Evaluator {
    func evaluateReference(_ expression: Expression, in scope: Scope) throws(EvaluationError) -> Value {
        var steps: [TraversalStep] = []
        var current = expression
        loop: while true {
            switch current.kind {
            case .getAttribute(let base, let name):
                steps.append(.attribute(name))
                current = base
            case .index(let base, let key):
                steps.append(.index(key))
                current = base
            default:
                break loop
            }
        }
        steps.reverse()
        let range = expression.range
        guard case .variable(let root) = current.kind else {
            return try traverse(try evaluate(current, in: scope), steps, in: scope, at: range)
        }
        if let bound = scope.names[root] {
            return try traverse(bound, steps, in: scope, at: range)
        }
        let (value, used) = try resolveRoot(root, steps, in: scope, at: range)
        return try traverse(value, Array(steps.dropFirst(used)), in: scope, at: range)
    }

    /// The value of a root name and how many of the following steps it consumed.
    private func resolveRoot(
        _ root: String, _ steps: [TraversalStep], in scope: Scope,
        at range: SourceRange
    ) throws(EvaluationError) -> (Value, Int) {
        let module = scope.module
        let first: String? = if case .attribute(let name)? = steps.first { name } else { nil }
        switch root {
        case "var":
            guard let first else { throw EvaluationError("'var' must be followed by a variable name", at: range) }
            return (try variable(first, in: module, at: range), 1)
        case "local":
            guard let first else { throw EvaluationError("'local' must be followed by a name", at: range) }
            return (try local(first, in: module, at: range), 1)
        case "each":
            guard let each = scope.each else {
                throw EvaluationError("'each' can be used only in a block that has for_each", at: range)
            }
            switch first {
            case "key": return (each.key, 1)
            case "value": return (each.value, 1)
            default: throw EvaluationError("'each' has only 'key' and 'value'", at: range)
            }
        case "count":
            guard let index = scope.countIndex else {
                throw EvaluationError("'count.index' can be used only in a block that has count", at: range)
            }
            guard first == "index" else { throw EvaluationError("'count' has only 'index'", at: range) }
            return (index, 1)
        case "path":
            switch first {
            // Terraform runs in the root module: paths are relative to it, and cwd is the root itself.
            case "module": return (.string(PathNormalization.relative(module.config.directory, to: rootDirectory)), 1)
            case "root": return (.string("."), 1)
            case "cwd": return (.string(PathNormalization.absolute(rootDirectory)), 1)
            default: throw EvaluationError("'path' has only 'module', 'root' and 'cwd'", at: range)
            }
        case "terraform":
            guard first == "workspace" else { return (.unknown(Unknown(reason: "terraform.\(first ?? "") is not known")), 1) }
            return (.string("default"), 1)
        case "self":
            return (.unknown(Unknown(reason: "'self' is known only inside provisioners")), 0)
        case "module":
            guard let first else { throw EvaluationError("'module' must be followed by a module name", at: range) }
            if steps.count > 1, case .attribute(let output) = steps[1],
                let value = try moduleOutput(first, output: output, in: module, at: range)
            {
                return (value, 2)
            }
            return (try moduleValue(first, in: module, at: range), 1)
        case "resource":
            // `resource.aws_x.y` (Terraform 1.4+) names a managed resource whose type may clash with a root name.
            guard steps.count >= 2, case .attribute(let type) = steps[0], case .attribute(let name) = steps[1] else {
                throw EvaluationError("'resource' must be followed by a type and a name", at: range)
            }
            return (try resource(.managed, type, name, in: module, at: range), 2)
        case "data":
            guard steps.count >= 2, case .attribute(let type) = steps[0], case .attribute(let name) = steps[1] else {
                throw EvaluationError("'data' must be followed by a type and a name", at: range)
            }
            return (try resource(.data, type, name, in: module, at: range), 2)
        default:
            guard let first else {
                throw EvaluationError("Unknown name '\(root)'; a resource reference needs a type and a name", at: range)
            }
            return (try resource(.managed, root, first, in: module, at: range), 1)
        }
    }

    private func resource(
        _ mode: ResourceInstance.Mode, _ type: String, _ name: String, in module: ModuleInstance,
        at range: SourceRange
    ) throws(EvaluationError) -> Value {
        let key = ModuleConfig.ResourceKey(mode: mode, type: type, name: name)
        guard module.config.resources[key] != nil else {
            let what = (mode == .data ? "data source" : "resource")
            throw EvaluationError("Reference to undeclared \(what) '\(mode == .data ? "data." : "")\(type).\(name)'", at: range)
        }
        return resourceValue(key, in: module)
    }

    func traverse(_ value: Value, _ steps: [TraversalStep], in scope: Scope, at range: SourceRange) throws(EvaluationError) -> Value {
        var current = value
        for step in steps {
            switch step {
            case .attribute(let name):
                current = try attribute(name, of: current, at: range)
            case .index(let keyExpression):
                current = try index(current, by: try evaluate(keyExpression, in: scope), at: range)
            }
        }
        return current
    }

    func attribute(_ name: String, of value: Value, at range: SourceRange) throws(EvaluationError) -> Value {
        switch value {
        case .object(let fields):
            if let target = ResourceMarker.target(of: fields) {
                // An attribute a resource leaves unset (or sets to null) is the provider's to compute.
                if let field = fields[name], field != .null { return field }
                return .unknown(.attribute(ResourceMarker.join(target.path, name), of: target.resource))
            }
            if let field = fields[name] { return field }
            throw EvaluationError("This object has no attribute '\(name)'", at: range)
        case .unknown(let unknown):
            return .unknown(extend(unknown, with: name))
        case .null:
            throw EvaluationError("Cannot read attribute '\(name)' of a null value", at: range)
        case .list(let items) where Int(name) != nil:
            return try index(.list(items), by: .number(Double(name) ?? 0), at: range)
        default:
            throw EvaluationError("Cannot read attribute '\(name)' of a \(value.typeName)", at: range)
        }
    }

    func index(_ value: Value, by key: Value, at range: SourceRange) throws(EvaluationError) -> Value {
        if case .unknown(let unknown) = key {
            if case .unknown(let base) = value { return .unknown(base) }
            return .unknown(Unknown(reason: "an index is not known: \(unknown.reason)"))
        }
        switch value {
        case .list(let items), .set(let items):
            guard let number = key.numberValue ?? key.stringValue.flatMap(Double.init), number == number.rounded() else {
                throw EvaluationError("A list index must be a whole number", at: range)
            }
            guard number >= 0, Int(number) < items.count else {
                throw EvaluationError(
                    "Index \(TerraformText.format(number)) is out of range for a list of \(items.count) elements", at: range)
            }
            return items[Int(number)]
        case .object(let fields):
            guard let name = TerraformText.string(key) else { throw EvaluationError("A map key must be a string", at: range) }
            if let field = fields[name] { return field }
            if let target = ResourceMarker.target(of: fields) {
                return .unknown(.attribute(ResourceMarker.join(target.path, "[\"\(name)\"]"), of: target.resource))
            }
            throw EvaluationError("The key '\(name)' does not exist in this map", at: range)
        case .unknown(let unknown):
            let step = key.numberValue.map { "[\(TerraformText.format($0))]" } ?? "[\"\(TerraformText.string(key) ?? "")\"]"
            return .unknown(extend(unknown, with: step))
        case .null:
            throw EvaluationError("Cannot index a null value", at: range)
        default:
            throw EvaluationError("Cannot index a \(value.typeName)", at: range)
        }
    }

    /// `aws_x.y.vpc_config` unknown, then `[0]`, then `.cluster_security_group_id`: the reference grows.
    private func extend(_ unknown: Unknown, with step: String) -> Unknown {
        guard let resource = unknown.resource else { return unknown }
        return .attribute(ResourceMarker.join(unknown.attribute ?? "", step), of: resource)
    }

    func evaluateSplat(
        _ source: Expression, _ traversal: [TraversalStep], in scope: Scope,
        at range: SourceRange
    ) throws(EvaluationError) -> Value {
        let value = try evaluate(source, in: scope)
        switch value {
        case .null:
            return .list([])
        case .list(let items), .set(let items):
            var results: [Value] = []
            for item in items { results.append(try traverse(item, traversal, in: scope, at: range)) }
            return .list(results)
        case .unknown(let unknown):
            return .unknown(Unknown(reason: unknown.reason))
        default:
            // A splat on a single value treats it as a one-element list.
            return .list([try traverse(value, traversal, in: scope, at: range)])
        }
    }
}
