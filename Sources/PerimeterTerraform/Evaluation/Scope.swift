/// What names mean where an expression is evaluated: its module, `each` / `count`, and local names
/// bound by `for` expressions, `dynamic` iterators and template loops.
struct Scope {
    unowned let module: ModuleInstance
    var each: (key: Value, value: Value)?
    var countIndex: Value?
    var names: [String: Value] = [:]
    /// Evaluating the stand-in of instances whose count is unknown: they may not exist at all, so
    /// errors in their own expressions are not the configuration's errors.
    var isStandIn = false

    init(module: ModuleInstance, each: (key: Value, value: Value)? = nil, countIndex: Value? = nil) {
        self.module = module
        self.each = each
        self.countIndex = countIndex
    }

    func binding(_ name: String, to value: Value) -> Scope {
        var scope = self
        scope.names[name] = value
        return scope
    }
}
