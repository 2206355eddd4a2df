import PerimeterModel

/// One instance of a module (the root, or `module.eks`, `module.a["x"]`) with its lazily evaluated,
/// memoized names. Evaluation is on demand, so declaration order never matters and cycles are caught.
final class ModuleInstance {
    enum Memo {
        case evaluating
        case done(Value)
    }

    /// An input of a child module: its expression, evaluated in the calling module's scope.
    struct Input {
        var expression: Expression
        var scope: Scope
    }

    /// Child module instances of one `module` block.
    struct Call {
        var instances: [(key: ResourceInstance.Key?, module: ModuleInstance)]
        /// Set when the module's source could not be found or its count/for_each is unknown.
        var unresolved: Unknown?
        var repetition: Expansion.Repetition
    }

    /// `""` for the root, `module.eks`, `module.a["x"].module.b`.
    let path: String
    /// The module's key in `.terraform/modules/modules.json`: call names joined with dots.
    let registryKey: String
    let config: ModuleConfig
    /// Root: values from tfvars, environment and command line. Children: input expressions.
    let rootValues: [String: Value]
    let inputs: [String: Input]

    var variables: [String: Memo] = [:]
    var locals: [String: Memo] = [:]
    var outputs: [String: Memo] = [:]
    var resources: [ModuleConfig.ResourceKey: Memo] = [:]
    var calls: [String: Call] = [:]
    var callsInProgress: Set<String> = []
    /// The `module` blocks that led here, outermost first; empty for the root.
    var callChain: [ModuleCallSite] = []
    /// The directories of the modules that led here, outermost first, to refuse a call cycle.
    var callerDirectories: [String] = []

    init(path: String, registryKey: String, config: ModuleConfig, rootValues: [String: Value] = [:], inputs: [String: Input] = [:]) {
        self.path = path
        self.registryKey = registryKey
        self.config = config
        self.rootValues = rootValues
        self.inputs = inputs
    }

    /// Prefix for addresses of things in this module: `""` or `module.eks.`.
    var addressPrefix: String { path.isEmpty ? "" : path + "." }
}
