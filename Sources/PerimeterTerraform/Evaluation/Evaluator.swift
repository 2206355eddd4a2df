import Foundation
import PerimeterModel

/// Evaluates a root module and its children. One instance per run; not shared across threads.
final class Evaluator {
    let rootDirectory: String
    let inputs: VariableInputs
    let loader: ModuleLoader
    let registry: ModuleRegistry
    var diagnostics: [Diagnostic] = []
    /// Names being evaluated right now, to explain a cycle.
    var evaluationStack: [String] = []
    /// Instances by module path and resource, filled as resources are evaluated.
    var instances: [String: [ModuleConfig.ResourceKey: [ResourceInstance]]] = [:]
    /// Modules already warned about, so each problem is said once.
    var warnedModules: Set<String> = []
    /// Each module instance's call chain by its path (`module.eks`), for findings inside it.
    var callSites: [String: [ModuleCallSite]] = [:]
    /// Module calls whose code could not be read (not installed), once each.
    var modulesNotRead: [Undecided] = []

    /// Set when the root module is one file rather than a directory.
    let rootFile: String?

    /// Budgets (see Evaluator+Budgets.swift) and what they have used so far.
    let limits: EvaluationLimits
    let confinement: FileConfinement?
    var steps = 0
    var stepsExhausted = false
    var evaluationDepth = 0
    /// `templatefile()` calls in progress, innermost last.
    var templateFiles: [String] = []

    init(rootDirectory: String, rootFile: String? = nil, inputs: VariableInputs, loader: ModuleLoader) {
        self.rootDirectory = PathNormalization.normalize(rootDirectory)
        self.rootFile = rootFile
        self.inputs = inputs
        self.loader = loader
        registry = ModuleRegistry(rootDirectory: self.rootDirectory)
        limits = inputs.limits
        confinement =
            inputs.limits.allowsFilesOutsideTree
            ? nil
            : FileConfinement(rootModule: self.rootDirectory, treeRoots: inputs.limits.treeRoots)
    }

    func run() -> TerraformEvaluation {
        let config = rootFile.map { loader.load(file: $0) } ?? loader.load(directory: rootDirectory)
        let rootValues = RootVariables.assemble(config: config, inputs: inputs, evaluator: self)
        let root = ModuleInstance(path: "", registryKey: "", config: config, rootValues: rootValues)
        var resources: [ResourceInstance] = []
        evaluateEverything(in: root, into: &resources)
        var outputs: [String: Value] = [:]
        for name in config.outputs.keys.sorted() {
            outputs[name] = ResourceMarker.strip(output(name, in: root))
        }
        return TerraformEvaluation(
            resources: resources, diagnostics: diagnostics, outputs: outputs,
            callSites: callSites, modulesNotRead: modulesNotRead)
    }

    /// Walks the module tree in declaration order so results are stable whatever order evaluation took.
    private func evaluateEverything(in module: ModuleInstance, into resources: inout [ResourceInstance]) {
        if !module.path.isEmpty {
            // Terraform checks every input of a module call, used or not (a missing or mistyped one is an error).
            for name in module.config.variables.keys.sorted() { _ = try? variable(name, in: module, at: nil) }
        }
        for key in module.config.resourceOrder {
            _ = resourceValue(key, in: module)
            resources += instances[module.path]?[key] ?? []
        }
        for name in module.config.moduleCallOrder {
            for child in moduleCall(name, in: module).instances {
                evaluateEverything(in: child.module, into: &resources)
            }
        }
    }

    /// Evaluates an expression where an error is reported, not thrown: the value becomes unknown.
    func evaluateReporting(_ expression: Expression, in scope: Scope) -> Value {
        do {
            return try evaluate(expression, in: scope)
        } catch {
            if !scope.isStandIn { report(error) }
            return .unknown(Unknown(reason: error.message))
        }
    }

    func report(_ error: EvaluationError) {
        if error.isBudgetStop { return }
        let diagnostic = error.diagnostic
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }

    func warn(_ message: String, at location: SourceLocation?) {
        let diagnostic = Diagnostic.warning(message, at: location)
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }

    /// Runs `body` for a named item with memoization and cycle detection. The table is reached through a key
    /// path, never held `inout` while `body` runs, because evaluating one name evaluates others in the same table.
    func memoized<Key: Hashable>(
        _ table: ReferenceWritableKeyPath<ModuleInstance, [Key: ModuleInstance.Memo]>,
        of module: ModuleInstance, _ key: Key, label: String,
        at range: SourceRange?, _ body: () -> Value
    ) -> Value {
        switch module[keyPath: table][key] {
        case .done(let value)?:
            return value
        case .evaluating?:
            let start = evaluationStack.firstIndex(of: label) ?? 0
            let cycle = (evaluationStack[start...] + [label]).joined(separator: " -> ")
            report(EvaluationError("Cycle: \(cycle)", at: range))
            return .unknown(Unknown(reason: "\(label) depends on itself"))
        case nil:
            module[keyPath: table][key] = .evaluating
            evaluationStack.append(label)
            let value = checkedWeight(body(), label: label, at: range)
            evaluationStack.removeLast()
            module[keyPath: table][key] = .done(value)
            return value
        }
    }
}
