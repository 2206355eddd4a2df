import PerimeterModel

/// Function calls: `try` and `can` need lazy arguments; everything else goes to the function library.
extension Evaluator {
    func callFunction(
        _ name: String, _ arguments: [Expression], expandFinal: Bool, in scope: Scope,
        at range: SourceRange
    ) throws(EvaluationError) -> Value {
        switch name {
        case "try":
            var lastError: EvaluationError?
            for argument in arguments {
                do {
                    // An unknown candidate is returned as it is: try() cannot decide past it.
                    return try evaluate(argument, in: scope)
                } catch {
                    if error.isBudgetStop { throw error }
                    lastError = error
                }
            }
            throw EvaluationError("No argument of try() could be evaluated: \(lastError?.message ?? "no arguments")", at: range)
        case "can":
            guard arguments.count == 1 else { throw EvaluationError("can() takes exactly one argument", at: range) }
            do {
                let value = try evaluate(arguments[0], in: scope)
                if case .unknown(let unknown) = value { return .unknown(unknown) }
                return .bool(true)
            } catch {
                if error.isBudgetStop { throw error }
                return .bool(false)
            }
        default:
            break
        }
        if name.hasPrefix("provider::") {
            return .unknown(Unknown(reason: "provider function \(name) is not evaluated"))
        }
        var values: [Value] = []
        for argument in arguments { values.append(try evaluate(argument, in: scope)) }
        if expandFinal, let last = values.popLast() {
            guard let items = last.elements else {
                if case .unknown(let unknown) = last { return .unknown(unknown) }
                throw EvaluationError("The argument before '...' must be a list, tuple or set", at: range)
            }
            values += items
        }
        try checkCallBudget(name, values, at: range)
        let module = UncheckedBox((self, scope.module))
        // Terraform resolves relative paths against its working directory, the root module; path.module is relative to it too.
        var context = FunctionContext(baseDirectory: rootDirectory) { path, variables in
            try module.value.0.renderTemplateFile(path, variables: variables, module: module.value.1)
        }
        context.confinement = confinement
        context.maximumFileBytes = limits.maximumFileBytes
        do {
            let result = try FunctionLibrary.call(name, values, context: context)
            try checkResultBudget(name, result, at: range)
            return result
        } catch let error as EvaluationError {
            throw error
        } catch let error as FunctionError {
            throw EvaluationError("\(name)(): \(error.message)", at: range)
        } catch {
            throw EvaluationError("\(name)(): \(error)", at: range)
        }
    }
}

/// Evaluation is single-threaded; this lets the function library's `@Sendable` template callback reach back into it.
private final class UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
