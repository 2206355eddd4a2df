import Foundation
import PerimeterModel

/// `var.X`, `local.X`, module outputs and module calls.
extension Evaluator {
    func variable(_ name: String, in module: ModuleInstance, at range: SourceRange?) throws(EvaluationError) -> Value {
        guard let block = module.config.variables[name] else {
            throw EvaluationError("Reference to undeclared input variable '\(name)'", at: range)
        }
        return memoized(\.variables, of: module, name, label: "\(module.addressPrefix)var.\(name)", at: range) {
            let type =
                block.body.attribute("type").map { attribute in
                    TypeConstraint(attribute.expression) { [self] in try? evaluate($0, in: Scope(module: module)) }
                } ?? .any
            let nullable = block.body.attribute("nullable").flatMap { try? evaluate($0.expression, in: Scope(module: module)) }
            var value: Value?
            if module.path.isEmpty {
                value = module.rootValues[name]
            } else if let input = module.inputs[name] {
                value = evaluateReporting(input.expression, in: input.scope)
            }
            if value == .null, nullable == .bool(false) { value = nil }
            if value == nil, let defaultExpression = block.body.attribute("default")?.expression {
                value = evaluateReporting(defaultExpression, in: Scope(module: module))
            }
            guard let value else {
                if !module.path.isEmpty {
                    // A module call must set every variable without a default; Terraform refuses the configuration otherwise.
                    report(
                        EvaluationError(
                            "\(module.path) needs a value for its variable '\(name)', which has no default",
                            at: block.range))
                }
                return .unknown(Unknown(reason: "variable '\(name)' has no value"))
            }
            if !module.path.isEmpty, let mismatch = type.mismatch(value) {
                report(
                    EvaluationError(
                        "\(module.path): variable '\(name)' \(mismatch)", at: module.inputs[name]?.expression.range ?? block.range))
            }
            return type.convert(value)
        }
    }

    func local(_ name: String, in module: ModuleInstance, at range: SourceRange?) throws(EvaluationError) -> Value {
        guard let attribute = module.config.locals[name] else {
            throw EvaluationError("Reference to undeclared local value '\(name)'", at: range)
        }
        return memoized(\.locals, of: module, name, label: "\(module.addressPrefix)local.\(name)", at: range) {
            evaluateReporting(attribute.expression, in: Scope(module: module))
        }
    }

    func output(_ name: String, in module: ModuleInstance) -> Value {
        guard let block = module.config.outputs[name] else { return .null }
        return memoized(\.outputs, of: module, name, label: "\(module.addressPrefix)output.\(name)", at: block.range) {
            guard let expression = block.body.attribute("value")?.expression else { return .null }
            return evaluateReporting(expression, in: Scope(module: module))
        }
    }

    /// `module.NAME`: an object of outputs, or a list / map of them for count / for_each.
    func moduleValue(_ name: String, in module: ModuleInstance, at range: SourceRange?) throws(EvaluationError) -> Value {
        guard module.config.moduleCalls[name] != nil else {
            throw EvaluationError("Reference to undeclared module '\(name)'", at: range)
        }
        let call = moduleCall(name, in: module)
        if let unresolved = call.unresolved { return .unknown(unresolved) }
        let objects = call.instances.map { instance in
            (
                instance.key,
                Value.object(
                    Dictionary(
                        uniqueKeysWithValues: instance.module.config.outputs.keys.map {
                            ($0, output($0, in: instance.module))
                        }))
            )
        }
        return collect(objects, repetition: call.repetition)
    }

    /// `module.NAME.OUTPUT` for a single-instance module, without evaluating its other outputs.
    func moduleOutput(
        _ name: String, output outputName: String, in module: ModuleInstance,
        at range: SourceRange?
    ) throws(EvaluationError) -> Value? {
        guard module.config.moduleCalls[name] != nil else {
            throw EvaluationError("Reference to undeclared module '\(name)'", at: range)
        }
        let call = moduleCall(name, in: module)
        if let unresolved = call.unresolved { return .unknown(unresolved) }
        guard call.repetition == .single, let child = call.instances.first?.module else { return nil }
        guard child.config.outputs[outputName] != nil else {
            throw EvaluationError("Module '\(name)' has no output named '\(outputName)'", at: range)
        }
        return output(outputName, in: child)
    }

    /// Expands a `module` block into child instances, once.
    func moduleCall(_ name: String, in module: ModuleInstance) -> ModuleInstance.Call {
        if let call = module.calls[name] { return call }
        guard let block = module.config.moduleCalls[name] else {
            return ModuleInstance.Call(instances: [], unresolved: Unknown(reason: "no module '\(name)'"), repetition: .single)
        }
        let label = "\(module.addressPrefix)module.\(name)"
        if module.callsInProgress.contains(name) {
            report(EvaluationError("Cycle: \(label) depends on itself", at: block.range))
            return ModuleInstance.Call(instances: [], unresolved: Unknown(reason: "\(label) depends on itself"), repetition: .single)
        }
        module.callsInProgress.insert(name)
        defer { module.callsInProgress.remove(name) }

        let registryKey = module.registryKey.isEmpty ? name : module.registryKey + "." + name
        guard let directory = moduleDirectory(block, registryKey: registryKey, in: module, label: label) else {
            let call = ModuleInstance.Call(
                instances: [], unresolved: Unknown(reason: "\(label) is not installed (run terraform init or use --download-modules)"),
                repetition: .single)
            module.calls[name] = call
            return call
        }
        warnIfEmpty(directory, of: block, label: label)
        if let cycle = moduleCycle(calling: directory, from: module, label: label) {
            report(EvaluationError(cycle, at: block.body.attribute("source")?.expression.range ?? block.range))
            let call = ModuleInstance.Call(
                instances: [], unresolved: Unknown(reason: "\(label) calls a module that calls it"),
                repetition: .single)
            module.calls[name] = call
            return call
        }
        let config = loader.load(directory: directory)
        let expansion = expand(block.body, in: Scope(module: module), what: label)
        var call = ModuleInstance.Call(instances: [], unresolved: expansion.unknown, repetition: expansion.repetition)
        for instance in expansion.instances {
            let path = label + (instance.key.map { "[\($0)]" } ?? "")
            var inputs: [String: ModuleInstance.Input] = [:]
            for attribute in block.body.attributes where !Self.moduleMetaArguments.contains(attribute.name) {
                inputs[attribute.name] = ModuleInstance.Input(expression: attribute.expression, scope: instance.scope)
            }
            let child = ModuleInstance(path: path, registryKey: registryKey, config: config, inputs: inputs)
            child.callerDirectories = module.callerDirectories + [module.config.directory]
            child.callChain =
                module.callChain + [
                    ModuleCallSite(
                        address: path, name: name, location: block.range.location,
                        endLine: block.range.end.line)
                ]
            callSites[path] = child.callChain
            call.instances.append((instance.key, child))
        }
        module.calls[name] = call
        return call
    }

    /// A module whose source is the directory of itself or of a module that calls it would expand forever
    /// (`source = "./"`, two modules calling each other): the message names the chain of calls.
    private func moduleCycle(calling directory: String, from module: ModuleInstance, label: String) -> String? {
        let target = PathNormalization.normalize(directory)
        let directories = module.callerDirectories + [module.config.directory]
        guard let index = directories.firstIndex(where: { PathNormalization.normalize($0) == target }) else { return nil }
        let addresses = ["the root module"] + module.callChain.map(\.address)
        let chain = addresses[min(index, addresses.count - 1)...].joined(separator: " -> ") + " -> " + label
        return "Module call cycle: \(chain), whose source '\(target)' is already in the chain; the call is not read"
    }

    private static let moduleMetaArguments: Set<String> = ["source", "version", "count", "for_each", "providers", "depends_on"]

    /// Terraform reads a module directory without configuration files as an empty module (`terraform
    /// validate` passes); it is almost always an incomplete copy or a wrong path, so it is said, not silent.
    private func warnIfEmpty(_ directory: String, of block: Block, label: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        guard !names.contains(where: { $0.hasSuffix(".tf") || $0.hasSuffix(".tf.json") }) else { return }
        warn(
            "The module directory of \(label) ('\(directory)') holds no .tf or .tf.json files: read as an empty module, "
                + "as Terraform does", at: block.range.location)
    }

    private func moduleDirectory(_ block: Block, registryKey: String, in module: ModuleInstance, label: String) -> String? {
        guard let sourceExpression = block.body.attribute("source")?.expression,
            case .string(let source)? = try? evaluate(sourceExpression, in: Scope(module: module))
        else {
            report(EvaluationError("\(label) needs a 'source' string", at: block.range))
            return nil
        }
        if source.hasPrefix("./") || source.hasPrefix("../") {
            let directory = PathNormalization.join(module.config.directory, source)
            if let confinement, !confinement.permits(PathNormalization.absolute(directory)),
                !insideFetchedPackage(directory, calledFrom: module)
            {
                report(
                    EvaluationError(
                        "Module source '\(source)' of \(label) is outside the scanned tree '\(confinement.root)'; "
                            + "perimeter reads modules only inside it (--allow-outside-files reads it anyway)",
                        at: sourceExpression.range))
                return nil
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue {
                return directory
            }
            report(EvaluationError("Module directory '\(source)' of \(label) does not exist", at: sourceExpression.range))
            return nil
        }
        if let installed = registry.directory(forKey: registryKey) { return installed }
        if let resolver = loader.remoteSources {
            return fetchedModuleDirectory(block, source: source, resolver: resolver, in: module, label: label)
        }
        if warnedModules.insert(label).inserted {
            modulesNotRead.append(
                Undecided(
                    kind: .moduleNotRead, ruleId: nil, resource: label, location: sourceExpression.range.location,
                    reason: "source '\(source)' is not installed, so nothing in it was checked",
                    fix: "run terraform init or use --download-modules", callChain: module.callChain.isEmpty ? nil : module.callChain))
            warn(
                "\(label) (source '\(source)') is not installed; run 'terraform init' or use --download-modules to let perimeter read it",
                at: sourceExpression.range.location)
        }
        return nil
    }

    /// Whether a local source of a downloaded module stays inside that module's package in the cache.
    private func insideFetchedPackage(_ directory: String, calledFrom module: ModuleInstance) -> Bool {
        guard let root = loader.remoteSources?.packageRoot(containing: PathNormalization.absolute(module.config.directory)) else {
            return false
        }
        return FileConfinement(root: root).permits(PathNormalization.absolute(directory))
    }

    /// Asks the resolver (`--download-modules`) for the module; a failure is an error, since the user asked for it.
    private func fetchedModuleDirectory(
        _ block: Block, source: String, resolver: any ModuleSourceResolver,
        in module: ModuleInstance, label: String
    ) -> String? {
        var version: String?
        if let expression = block.body.attribute("version")?.expression,
            case .string(let text)? = try? evaluate(expression, in: Scope(module: module))
        {
            version = text
        }
        do {
            return try resolver.moduleDirectory(source: source, version: version)
        } catch {
            let location = block.body.attribute("source")?.expression.range
            report(EvaluationError("Cannot download \(label): \(error)", at: location))
            if warnedModules.insert(label).inserted {
                modulesNotRead.append(
                    Undecided(
                        kind: .moduleNotRead, ruleId: nil, resource: label, location: location?.location,
                        reason: "source '\(source)' could not be downloaded (see the error), so nothing in it was checked",
                        fix: "fix the download error or run terraform init", callChain: module.callChain.isEmpty ? nil : module.callChain))
            }
            return nil
        }
    }

    /// A list for count, a map for for_each, the object itself otherwise.
    func collect(_ objects: [(ResourceInstance.Key?, Value)], repetition: Expansion.Repetition) -> Value {
        switch repetition {
        case .single:
            return objects.first?.1 ?? .null
        case .count:
            return .list(objects.map(\.1))
        case .forEach:
            var map: [String: Value] = [:]
            for (key, value) in objects {
                if case .string(let name)? = key { map[name] = value }
            }
            return .object(map)
        }
    }
}
