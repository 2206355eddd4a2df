import PerimeterModel

/// Resources and data sources: expansion into instances, and their bodies into state-shaped values.
extension Evaluator {
    private static let resourceMetaArguments: Set<String> = ["count", "for_each", "provider", "depends_on"]
    private static let metaBlocks: Set<String> = ["lifecycle", "provisioner", "connection", "dynamic"]

    /// The value `TYPE.NAME` stands for: an instance object, a list (count) or a map (for_each).
    func resourceValue(_ key: ModuleConfig.ResourceKey, in module: ModuleInstance) -> Value {
        let label = module.addressPrefix + (key.mode == .data ? "data." : "") + "\(key.type).\(key.name)"
        guard let block = module.config.resources[key] else { return .null }
        return memoized(\.resources, of: module, key, label: label, at: block.range) {
            evaluateResource(key, block: block, label: label, in: module)
        }
    }

    private func evaluateResource(_ key: ModuleConfig.ResourceKey, block: Block, label: String, in module: ModuleInstance) -> Value {
        var expansion = expand(block.body, in: Scope(module: module), what: label)
        let representative = expansion.unknown != nil
        if let unknown = expansion.unknown {
            // Evaluate one stand-in with each/count unknown: what all instances share stays visible.
            let scope = with(Scope(module: module)) {
                $0.each = (.unknown(unknown), .unknown(unknown))
                $0.countIndex = .unknown(unknown)
                $0.isStandIn = true
            }
            expansion.instances = [(key: nil, scope: scope)]
        }
        var objects: [(ResourceInstance.Key?, Value)] = []
        var results: [ResourceInstance] = []
        for instance in expansion.instances {
            let address = label + (instance.key.map { "[\($0)]" } ?? (representative ? "[*]" : ""))
            var locations: [String: SourceLocation] = [:]
            var fields = evaluateBody(
                block.body, in: instance.scope, resource: address, path: "", locations: &locations,
                skipping: Self.resourceMetaArguments)
            ResourceMarker.mark(&fields, resource: address, path: "")
            let object = Value.object(fields)
            objects.append((instance.key, object))
            var values = fields
            values[ResourceMarker.key] = nil
            results.append(
                ResourceInstance(
                    mode: key.mode, type: key.type, name: key.name, module: module.path, key: instance.key,
                    values: values.mapValues(ResourceMarker.strip), location: block.range.location,
                    locations: locations, representsUnknownInstances: representative))
        }
        instances[module.path, default: [:]][key] = results
        if let unknown = expansion.unknown { return .unknown(unknown) }
        return collect(objects, repetition: expansion.repetition)
    }

    /// Attributes as values and nested blocks (static and `dynamic`) as lists of objects, in source order.
    func evaluateBody(
        _ body: Body, in scope: Scope, resource: String, path: String,
        locations: inout [String: SourceLocation], skipping: Set<String> = []
    ) -> [String: Value] {
        var fields: [String: Value] = [:]
        for attribute in body.attributes where !skipping.contains(attribute.name) {
            fields[attribute.name] = evaluateReporting(attribute.expression, in: scope)
            locations[ResourceMarker.join(path, attribute.name)] = attribute.range.location
        }
        var lists: [String: [Value]] = [:]
        for block in body.blocks {
            if block.type == "dynamic" {
                expandDynamic(block, in: scope, resource: resource, path: path, into: &lists, locations: &locations)
            } else if !Self.metaBlocks.contains(block.type) {
                appendBlock(
                    block.type, body: block.body, at: block.range, in: scope, resource: resource, path: path,
                    into: &lists, locations: &locations)
            }
        }
        for (type, items) in lists where fields[type] == nil {
            fields[type] = .list(items)
        }
        return fields
    }

    private func appendBlock(
        _ type: String, body: Body, at range: SourceRange, in scope: Scope, resource: String, path: String,
        into lists: inout [String: [Value]], locations: inout [String: SourceLocation]
    ) {
        let blockPath = ResourceMarker.join(path, "\(type)[\(lists[type, default: []].count)]")
        locations[blockPath] = range.location
        var nested = evaluateBody(body, in: scope, resource: resource, path: blockPath, locations: &locations)
        ResourceMarker.mark(&nested, resource: resource, path: blockPath)
        lists[type, default: []].append(.object(nested))
    }

    /// `dynamic "x" { for_each = ...; iterator = it; content { ... } }` as the blocks it generates.
    private func expandDynamic(
        _ block: Block, in scope: Scope, resource: String, path: String,
        into lists: inout [String: [Value]], locations: inout [String: SourceLocation]
    ) {
        guard let type = block.labels.first, let content = block.body.blocks(ofType: "content").first else {
            report(EvaluationError("A dynamic block needs a label and a 'content' block", at: block.range))
            return
        }
        guard let forEach = block.body.attribute("for_each") else {
            report(EvaluationError("The dynamic block '\(type)' needs a for_each argument", at: block.range))
            return
        }
        var iterator = type
        if let iteratorExpression = block.body.attribute("iterator")?.expression,
            case .variable(let name) = iteratorExpression.kind
        {
            iterator = name
        }
        let collection = evaluateReporting(forEach.expression, in: scope)
        let pairs: [(Value, Value)]
        switch collection {
        case .list(let items):
            pairs = items.enumerated().map { (.number(Double($0.offset)), $0.element) }
        case .set(let items):
            // For sets, Terraform's iterator key is the element itself.
            pairs = items.map { ($0, $0) }
        case .object(let fields):
            pairs = fields.filter { $0.key != ResourceMarker.key }.sorted { $0.key < $1.key }.map { (.string($0.key), $0.value) }
        case .null:
            return
        case .unknown(let unknown):
            // The generated blocks cannot be known: keep one unknown element so the gap stays visible.
            lists[type, default: []].append(.unknown(Unknown(reason: "dynamic '\(type)' blocks: \(unknown.reason)")))
            locations[ResourceMarker.join(path, "\(type)[\(lists[type, default: []].count - 1)]")] = block.range.location
            return
        default:
            report(
                EvaluationError(
                    "for_each of dynamic '\(type)' needs a collection, not \(collection.typeName)", at: forEach.expression.range))
            return
        }
        if let tooMany = instanceLimitError(Double(pairs.count), what: "for_each of dynamic '\(type)'", at: forEach.expression.range) {
            report(tooMany)
            lists[type, default: []].append(.unknown(Unknown(reason: "dynamic '\(type)' blocks are over the instance limit")))
            return
        }
        for (key, value) in pairs {
            let inner = scope.binding(iterator, to: .object(["key": key, "value": value]))
            appendBlock(
                type, body: content.body, at: content.range, in: inner, resource: resource, path: path,
                into: &lists, locations: &locations)
        }
    }
}
