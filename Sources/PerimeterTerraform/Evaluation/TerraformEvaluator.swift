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
    /// Evaluation problems. File reading and parsing problems are the loader's.
    public var diagnostics: [Diagnostic]
    public var outputs: [String: Value]
}

public enum TerraformEvaluator {
    /// Loads a root module directory, evaluates it and everything it calls, and returns every
    /// resource and data source instance. Never throws: problems are diagnostics.
    /// Share one `loader` between roots so that modules they have in common are parsed once.
    public static func evaluate(directory: String, inputs: VariableInputs = VariableInputs(),
                                loader: ModuleLoader) -> TerraformEvaluation {
        Evaluator(rootDirectory: directory, inputs: inputs, loader: loader).run()
    }

    /// Evaluates one file as if it were the whole root module (its directory's tfvars still apply).
    public static func evaluate(file: String, inputs: VariableInputs = VariableInputs(),
                                loader: ModuleLoader) -> TerraformEvaluation {
        let directory = PathNormalization.join(PathNormalization.normalize(file), "..")
        return Evaluator(rootDirectory: directory, rootFile: file, inputs: inputs, loader: loader).run()
    }

    /// The same, with parse problems included in the result's diagnostics.
    public static func evaluate(directory: String, inputs: VariableInputs = VariableInputs()) -> TerraformEvaluation {
        let loader = ModuleLoader()
        var result = evaluate(directory: directory, inputs: inputs, loader: loader)
        result.diagnostics = loader.diagnostics + result.diagnostics
        return result
    }

    /// Directories under `path` that hold Terraform files, minus those another one calls as a local
    /// module: each remaining one is a root module (an environment) to evaluate on its own.
    public static func rootModules(under path: String, loader: ModuleLoader) -> [String] {
        let candidates = TerraformDirectories.find(under: path)
        var called = Set<String>()
        for directory in candidates {
            for source in loader.load(directory: directory).localModuleSources {
                called.insert(PathNormalization.join(directory, source))
            }
        }
        return candidates.filter { !called.contains($0) }
    }
}
