import PerimeterModel

/// The budgets of one root module's evaluation (see `EvaluationLimits`): steps, nesting depth and the
/// weight of values. Each is reported once, as an error that names the limit and how to raise it; past
/// it, evaluation yields unknowns quickly instead of doing the work.
extension Evaluator {
    /// Counts a step and a level on entry to `evaluate`; the caller decrements `evaluationDepth` on exit.
    func enterEvaluation(at range: SourceRange) throws(EvaluationError) {
        try countStep(at: range)
        guard evaluationDepth < EvaluationLimits.maximumEvaluationDepth else {
            throw EvaluationError(
                "Evaluation is nested deeper than \(EvaluationLimits.maximumEvaluationDepth) levels "
                    + "(a chain of references, module calls or templates this long is not supported)", at: range)
        }
        evaluationDepth += 1
    }

    /// One step of work: an expression, or one iteration of a loop whose body may evaluate nothing.
    func countStep(at range: SourceRange?, weight: Int = 1) throws(EvaluationError) {
        steps += weight
        guard steps > limits.maximumSteps else { return }
        if !stepsExhausted {
            stepsExhausted = true
            diagnostics.append(
                .error(
                    "Evaluating this root module took more than \(limits.maximumSteps) steps; the rest is "
                        + "unknown (raise the limit with --limit steps=N)", at: range?.location))
        }
        throw EvaluationError.budgetStop
    }

    /// A named value (local, output, variable, resource) heavier than a value may be becomes unknown.
    func checkedWeight(_ value: Value, label: String, at range: SourceRange?) -> Value {
        let weight = ValueWeight.of([value], stoppingAbove: limits.valueBound)
        try? countStep(at: range, weight: weight.elements / 8)
        guard let problem = weightProblem(weight) else { return value }
        report(EvaluationError("The value of \(label) \(problem)", at: range))
        return .unknown(Unknown(reason: "the value of \(label) is too large to evaluate"))
    }

    /// Arguments too heavy to pass, or a call whose result would exceed a limit before it is built.
    func checkCallBudget(_ name: String, _ arguments: [Value], at range: SourceRange) throws(EvaluationError) {
        if FunctionGrowth.neverGrows.contains(name) { return }
        let weight = ValueWeight.of(arguments, stoppingAbove: limits.valueBound)
        try countStep(at: range, weight: weight.elements / 8)
        if let problem = weightProblem(weight) {
            throw EvaluationError("\(name)(): the arguments together \(problem)", at: range)
        }
        if let problem = FunctionGrowth.problem(name, arguments, limits: limits) {
            throw EvaluationError("\(name)(): \(problem)", at: range)
        }
    }

    /// A function's result heavier than a value may be.
    func checkResultBudget(_ name: String, _ result: Value, at range: SourceRange) throws(EvaluationError) {
        if FunctionGrowth.neverGrows.contains(name) { return }
        if case .string(let text) = result, text.utf8.count > limits.maximumStringBytes {
            throw EvaluationError(
                "\(name)(): the result is longer than \(limits.maximumStringBytes) bytes "
                    + "(raise the limit with --limit string-bytes=N)", at: range)
        }
        let weight = ValueWeight.of([result], stoppingAbove: limits.valueBound)
        if let problem = weightProblem(weight) { throw EvaluationError("\(name)(): the result \(problem)", at: range) }
    }

    /// A string a template builds, checked as it grows.
    func checkTemplateLength(_ text: String, at range: SourceRange) throws(EvaluationError) {
        guard text.utf8.count > limits.maximumStringBytes else { return }
        throw EvaluationError(
            "The template's result is longer than \(limits.maximumStringBytes) bytes "
                + "(raise the limit with --limit string-bytes=N)", at: range)
    }

    private func weightProblem(_ weight: ValueWeight) -> String? {
        if weight.elements > limits.maximumCollectionLength {
            return "holds more than \(limits.maximumCollectionLength) elements (raise the limit with --limit collection-length=N)"
        }
        if weight.stringBytes > limits.maximumValueBytes {
            return "holds more than \(limits.maximumValueBytes) bytes of strings (raise the limit with --limit value-bytes=N)"
        }
        return nil
    }

    /// `count` or `for_each` asking for more instances than allowed; nil when within the limit.
    func instanceLimitError(_ requested: Double, what: String, at range: SourceRange) -> EvaluationError? {
        guard requested > Double(limits.maximumInstances) else { return nil }
        let shown = requested < 1e15 ? String(Int(requested)) : String(requested)
        return EvaluationError(
            "\(what) asks for \(shown) instances, more than the limit of \(limits.maximumInstances) "
                + "(raise it with --max-instances N)", at: range)
    }
}

extension EvaluationError {
    /// Thrown once a budget is spent: already reported, so never reported again, and never caught by `try`/`can`.
    static let budgetStop = EvaluationError("evaluation budget spent", at: nil, isBudgetStop: true)
}
