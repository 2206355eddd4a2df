import Foundation
import PerimeterModel

@testable import PerimeterTerraform

/// Big hostile inputs are generated here, never committed.
enum Hostile {
    static let size = 100_000

    /// Evaluates `files` as a root module and times it; the result and the seconds it took.
    static func evaluate(
        _ files: [String: String], limits: EvaluationLimits = EvaluationLimits(),
        environment: [String: String] = [:]
    ) throws -> (result: TerraformEvaluation, seconds: Double) {
        let module = try TemporaryModule(files)
        defer { module.remove() }
        var inputs = VariableInputs(environment: environment)
        inputs.limits = limits
        let start = Date()
        let result = TerraformEvaluator.evaluate(directory: module.directory.path, inputs: inputs)
        return (result, Date().timeIntervalSince(start))
    }

    static func locals(_ body: String, output: String) -> [String: String] {
        ["main.tf": "locals {\n\(body)\n}\n\noutput \"o\" {\n  value = \(output)\n}\n"]
    }
}

extension TerraformEvaluation {
    /// Errors as `file:line:column: error: message`, file names without their directory.
    var errorLines: [String] {
        errors.map { diagnostic in
            let location = diagnostic.location.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line):\($0.column): " } ?? ""
            return location + diagnostic.message
        }
    }
}
