import PerimeterModel

/// An expression that cannot be evaluated. Reported as a diagnostic where it happens; `try` and `can` catch it.
struct EvaluationError: Error {
    var message: String
    var range: SourceRange?

    init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }

    var diagnostic: Diagnostic { .error(message, at: range?.location) }
}
