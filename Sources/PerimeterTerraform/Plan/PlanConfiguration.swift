import PerimeterModel

/// One step of a module instance path: `module.eks` or `module.nodes["spot"]`.
struct ModuleCall: Hashable, Sendable {
    var name: String
    var key: ResourceInstance.Key?

    /// `module.a["x"].module.b` as calls; nil when the text is not a module path.
    static func path(_ text: String) -> [ModuleCall]? {
        if text.isEmpty { return [] }
        guard let parsed = TraversalPath(parsing: text) else { return nil }
        var calls: [ModuleCall] = []
        var steps = parsed.steps[...]
        while let first = steps.popFirst() {
            guard first == .name("module"), case .name(let name)? = steps.popFirst() else { return nil }
            var key: ResourceInstance.Key?
            if case .index(let index)? = steps.first {
                key = index
                steps.removeFirst()
            }
            calls.append(ModuleCall(name: name, key: key))
        }
        return calls
    }

    static func render(_ calls: some Sequence<ModuleCall>) -> String {
        calls.map { call in "module.\(call.name)" + (call.key.map { "[\($0)]" } ?? "") }.joined(separator: ".")
    }
}

/// The `configuration` section of a plan, indexed by module: each resource's `expressions`
/// (with the `references` they make), module call arguments and module outputs. Malformed parts
/// are skipped: the configuration only refines what an unknown value stands for.
struct PlanConfiguration {
    struct Module {
        /// Expressions of each resource, by module-relative address (`aws_security_group.node`, `data.x.y`).
        var resources: [String: [String: JSONValue]] = [:]
        /// The `expression` of each output.
        var outputs: [String: JSONValue] = [:]
        /// The argument expressions of each module call.
        var calls: [String: [String: JSONValue]] = [:]
    }

    /// Modules by the names of their calls (instance keys do not change the configuration): `eks/inner`.
    private var modules: [String: Module] = [:]

    init(_ configuration: [String: JSONValue]?) {
        if let root = configuration?["root_module"]?.object { index(root, at: []) }
    }

    private mutating func index(_ module: [String: JSONValue], at names: [String]) {
        var entry = Module()
        for resource in module["resources"]?.array ?? [] {
            guard let address = resource["address"]?.string else { continue }
            entry.resources[address] = resource["expressions"]?.object ?? [:]
        }
        for (name, output) in module["outputs"]?.object ?? [:] {
            if let expression = output["expression"] { entry.outputs[name] = expression }
        }
        for (name, call) in module["module_calls"]?.object ?? [:] {
            entry.calls[name] = call["expressions"]?.object ?? [:]
            if let child = call["module"]?.object { index(child, at: names + [name]) }
        }
        modules[names.joined(separator: "/")] = entry
    }

    func module(_ path: [ModuleCall]) -> Module? {
        modules[path.map(\.name).joined(separator: "/")]
    }

    /// The expressions of a resource, when the configuration declares it.
    func expressions(of entry: PlanEntry) -> [String: JSONValue]? {
        guard let path = ModuleCall.path(entry.module) else { return nil }
        let address = (entry.mode == .data ? "data." : "") + "\(entry.type).\(entry.name)"
        return module(path)?.resources[address]
    }

    /// The resources a reference written in module `path` stands for, following `var.x` to the
    /// calling module's argument and `module.m.out` to the output's expression.
    func resolve(_ reference: String, in path: [ModuleCall], depth: Int = 0) -> [ResourceAddress] {
        guard depth < 16, let traversal = TraversalPath(parsing: reference), case .name(let root)? = traversal.steps.first else {
            return []
        }
        let steps = traversal.steps
        switch root {
        case "var":
            guard steps.count >= 2, case .name(let variable) = steps[1], let call = path.last,
                let argument = module(Array(path.dropLast()))?.calls[call.name]?[variable]
            else { return [] }
            return Self.mostSpecific(Self.references(argument)).flatMap { resolve($0, in: Array(path.dropLast()), depth: depth + 1) }
                .map { $0.appending(steps.dropFirst(2)) }
        case "module":
            guard steps.count >= 3, case .name(let name) = steps[1] else { return [] }
            var position = 2
            var key: ResourceInstance.Key?
            if case .index(let index) = steps[position] {
                key = index
                position += 1
            }
            guard position < steps.count, case .name(let output) = steps[position] else { return [] }
            let child = path + [ModuleCall(name: name, key: key)]
            guard let expression = module(child)?.outputs[output] else { return [] }
            return Self.mostSpecific(Self.references(expression)).flatMap { resolve($0, in: child, depth: depth + 1) }
                .map { $0.appending(steps.dropFirst(position + 1)) }
        case "local", "each", "count", "path", "terraform", "self":
            // Locals are not part of the plan's configuration; the others are not resources.
            return []
        default:
            guard var address = ResourceAddress(traversal) else { return [] }
            address.module = ModuleCall.render(path)
            return [address]
        }
    }

    /// The `references` of one expression.
    static func references(_ expression: JSONValue) -> [String] {
        (expression["references"]?.array ?? []).compactMap(\.string)
    }

    /// Terraform lists `a.b.c`, `a.b` and `a` for one reference: keep the longest of each, once, in order.
    static func mostSpecific(_ references: [String]) -> [String] {
        var result: [String] = []
        for reference in references where !result.contains(reference) {
            let covered = references.contains { other in
                other != reference && (other.hasPrefix(reference + ".") || other.hasPrefix(reference + "["))
            }
            if !covered { result.append(reference) }
        }
        return result
    }
}

extension ResourceAddress {
    func appending(_ steps: some Sequence<TraversalPath.Step>) -> ResourceAddress {
        var copy = self
        copy.rest += steps
        return copy
    }
}
