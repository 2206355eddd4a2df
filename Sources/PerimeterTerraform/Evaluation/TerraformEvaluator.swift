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
    /// `TF_VAR_` names set in the environment whose values the caller did not pass on (the CLI keeps
    /// environment values out of reports): each such variable is unknown, with a warning saying so.
    public var withheldEnvironment: Set<String> = []
    /// Budgets and file confinement for evaluating each root module.
    public var limits = EvaluationLimits()

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
    /// The call chain of every module instance that was read, by its path (`module.eks`, `module.a["x"].module.b`).
    public var callSites: [String: [ModuleCallSite]] = [:]
    /// Module calls not read because their source is not installed: nothing in them was checked.
    public var modulesNotRead: [Undecided] = []
}

public enum TerraformEvaluator {
    /// Loads a root module directory, evaluates it and everything it calls, and returns every
    /// resource and data source instance. Never throws: problems are diagnostics.
    /// Share one `loader` between roots so that modules they have in common are parsed once.
    public static func evaluate(
        directory: String, inputs: VariableInputs = VariableInputs(),
        loader: ModuleLoader
    ) -> TerraformEvaluation {
        DeepStack.run { Evaluator(rootDirectory: directory, inputs: inputs, loader: loader).run() }
    }

    /// Evaluates one file as if it were the whole root module (its directory's tfvars still apply).
    public static func evaluate(
        file: String, inputs: VariableInputs = VariableInputs(),
        loader: ModuleLoader
    ) -> TerraformEvaluation {
        let directory = PathNormalization.join(PathNormalization.normalize(file), "..")
        return DeepStack.run { Evaluator(rootDirectory: directory, rootFile: file, inputs: inputs, loader: loader).run() }
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
    /// A directory that only calls itself, or modules in a cycle that nothing else calls, are still roots:
    /// the first of each such group (in path order) is, so no configuration goes unscanned.
    public static func rootModules(under path: String, loader: ModuleLoader) -> [String] {
        let candidates = TerraformDirectories.find(under: path)
        let callees = DeepStack.run {
            Dictionary(
                uniqueKeysWithValues: candidates.map { directory in
                    (
                        directory,
                        Set(loader.load(directory: directory).localModuleSources.map { PathNormalization.join(directory, $0) })
                            .subtracting([directory])
                    )
                })
        }
        let called = Set(callees.values.joined())
        var roots = candidates.filter { !called.contains($0) }
        var reached = Set<String>()
        func reach(from start: String) {
            var pending = [start]
            while let directory = pending.popLast() {
                guard reached.insert(directory).inserted else { continue }
                pending += callees[directory] ?? []
            }
        }
        roots.forEach(reach)
        for directory in candidates where !reached.contains(directory) {
            roots.append(directory)
            reach(from: directory)
        }
        return roots.sorted()
    }
}
