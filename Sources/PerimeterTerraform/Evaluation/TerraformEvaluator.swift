import Foundation
import PerimeterModel

/// Values a user gives the root module, with Terraform's precedence (later wins):
/// environment `TF_VAR_`, `terraform.tfvars`, `*.auto.tfvars`, then `--var-file` and `--var` in order.
public struct VariableInputs: Sendable {
    public enum Assignment: Sendable {
        case file(String)
        case value(name: String, raw: String)
    }

    /// `--var-file` and `--var`, in command-line order.
    public var commandLine: [Assignment]
    public var environment: [String: String]

    public init(commandLine: [Assignment] = [], environment: [String: String] = [:]) {
        self.commandLine = commandLine
        self.environment = environment
    }
}

/// The evaluated configuration of one root module and every module it calls.
public struct TerraformEvaluation: Sendable {
    public var resources: [ResourceInstance]
    public var diagnostics: [Diagnostic]
    public var outputs: [String: Value]
    public var filesParsed: Int
}

public enum TerraformEvaluator {
    /// Loads a root module directory, evaluates it and everything it calls, and returns every
    /// resource and data source instance. Never throws: problems are diagnostics.
    public static func evaluate(directory: String, inputs: VariableInputs = VariableInputs()) -> TerraformEvaluation {
        let evaluator = Evaluator(rootDirectory: directory, inputs: inputs)
        return evaluator.run()
    }
}
