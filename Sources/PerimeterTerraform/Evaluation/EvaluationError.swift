import PerimeterModel

/// An expression that cannot be evaluated. Reported as a diagnostic where it happens; `try` and `can` catch it.
struct EvaluationError: Error {
    var message: String
    var range: SourceRange?
    /// A spent budget (`budgetStop`): reported once where it was spent, then only unwinds.
    var isBudgetStop = false

    init(_ message: String, at range: SourceRange? = nil, isBudgetStop: Bool = false) {
        self.message = message
        self.range = range
        self.isBudgetStop = isBudgetStop
    }

    var diagnostic: Diagnostic { .error(message, at: range?.location) }
}
