import PerimeterModel

/// Turns plan entries into resource instances, giving each value marked in `after_unknown` the same
/// symbolic `Unknown` the HCL evaluator would: the resource and attribute its configuration
/// expression refers to (`module.eks.aws_eks_cluster.this` / `vpc_config[0].cluster_security_group_id`).
///
/// An unknown attribute that the configuration does not set at all is computed by the provider
/// (`id`, `arn`, a default such as `public_access_cidrs`) and is left out, as the evaluator leaves
/// out what is not written. Terraform's configuration JSON omits `dynamic` blocks, so blocks from a
/// dynamic block whose collection is unknown are left out too.
struct PlanUnknowns {
    typealias Step = TraversalPath.Step

    let configuration: PlanConfiguration
    let entries: [String: PlanEntry]

    private enum Match {
        /// The expression covering the value, and how many path steps lead to it.
        case expression(JSONValue, depth: Int)
        /// The configuration declares the resource but does not set this attribute.
        case notSet
        /// Nothing to go by (no configuration, or the path leads into a block).
        case unresolved
    }

    func instance(_ entry: PlanEntry) -> ResourceInstance {
        var values = JSONValue.object(entry.values).terraformValue
        var paths: [[Step]] = []
        if let afterUnknown = entry.afterUnknown { Self.unknownPaths(afterUnknown, at: [], into: &paths) }
        if !paths.isEmpty {
            let expressions = configuration.expressions(of: entry)
            var groups: [String: [Int]] = [:]
            var matches: [Match] = []
            for (offset, path) in paths.enumerated() {
                let match = expressions.map { find(path, in: $0, values: entry.values) } ?? .unresolved
                matches.append(match)
                if case .expression(_, let depth) = match {
                    groups[TraversalPath.render(path.prefix(depth)), default: []].append(offset)
                }
            }
            var assigned: [Int: Unknown] = [:]
            for (_, members) in groups {
                guard case .expression(let expression, _) = matches[members[0]] else { continue }
                let candidates = targets(of: expression, in: entry)
                // Several references line up with several unknowns only as elements of one list
                // (`[a.id, b.id]`); object members carry no order to match them by.
                let oneList =
                    Set(members.map { Array(paths[$0].dropLast()) }).count == 1
                    && members.allSatisfy { if case .index? = paths[$0].last { true } else { false } }
                for (ordinal, member) in members.enumerated() {
                    if candidates.count == 1 {
                        assigned[member] = Self.unknown(for: candidates[0])
                    } else if candidates.count == members.count, oneList {
                        assigned[member] = Self.unknown(for: candidates[ordinal])
                    }
                }
            }
            for (offset, path) in paths.enumerated() {
                if case .notSet = matches[offset], case .name? = path.last {
                    values = Self.setting(values, at: path[...], to: nil)
                    continue
                }
                let unknown =
                    assigned[offset]
                    ?? Unknown(reason: "\(entry.address).\(TraversalPath.render(path)) is known only after apply")
                values = Self.setting(values, at: path[...], to: .unknown(unknown))
            }
        }
        return ResourceInstance(
            mode: entry.mode, type: entry.type, name: entry.name, module: entry.module, key: entry.key,
            values: values.fields ?? [:])
    }

    static func unknown(for address: ResourceAddress) -> Unknown {
        let attribute = address.attribute
        if attribute.isEmpty {
            return Unknown(resource: address.instanceAddress, reason: "\(address.instanceAddress) is known only after apply")
        }
        return .attribute(attribute, of: address.instanceAddress)
    }

    /// Every path where `after_unknown` says `true`, in document order.
    static func unknownPaths(_ marks: JSONValue, at path: [Step], into paths: inout [[Step]]) {
        switch marks {
        case .bool(true):
            if !path.isEmpty { paths.append(path) }
        case .object(let members):
            for key in members.keys.sorted() {
                if let member = members[key] { unknownPaths(member, at: path + [.name(key)], into: &paths) }
            }
        case .array(let items):
            for (offset, item) in items.enumerated() { unknownPaths(item, at: path + [.index(.int(offset))], into: &paths) }
        default:
            break
        }
    }

    /// The configuration expression that produces the value at `path`.
    private func find(_ path: [Step], in expressions: [String: JSONValue], values: [String: JSONValue]) -> Match {
        var current = JSONValue.object(expressions)
        var planned: JSONValue? = .object(values)
        for (depth, step) in path.enumerated() {
            if Self.isExpression(current) { return .expression(current, depth: depth) }
            switch (current, step) {
            case (.object(let body), .name(let name)):
                guard let next = body[name] else { return .notSet }
                current = next
                planned = planned?[name]
            case (.array(let blocks), .index(.int(let offset))):
                let element = planned?.array.flatMap { offset < $0.count ? $0[offset] : nil }
                guard let block = Self.block(matching: element, among: blocks, offset: offset) else { return .unresolved }
                current = block
                planned = element
            case (.object, .index(.int(0))):
                // A single nested block: the configuration writes no list around it.
                planned = planned?.array?.first
            default:
                return .unresolved
            }
        }
        return Self.isExpression(current) ? .expression(current, depth: path.count) : .unresolved
    }

    /// An expression, as opposed to a block body: it has `references` or a `constant_value`.
    private static func isExpression(_ value: JSONValue) -> Bool {
        guard case .object(let members) = value else { return false }
        return members["references"] != nil || members["constant_value"] != nil
    }

    /// The block of the configuration a planned block comes from. Sets of blocks are reordered in
    /// plans, so the block whose constant arguments agree with the planned values wins.
    private static func block(matching planned: JSONValue?, among blocks: [JSONValue], offset: Int) -> JSONValue? {
        if blocks.count == 1 { return blocks[0] }
        var best: (score: Int, block: JSONValue)?
        for (position, block) in blocks.enumerated() {
            guard let body = block.object else { continue }
            var score = 0
            for (name, expression) in body {
                if let constant = expression["constant_value"], planned?[name] == constant { score += 2 }
            }
            if position == offset { score += 1 }
            if best == nil || score > (best?.score ?? 0) { best = (score, block) }
        }
        return best?.block
    }

    /// The resources an expression refers to whose values are not known yet.
    private func targets(of expression: JSONValue, in entry: PlanEntry) -> [ResourceAddress] {
        guard let module = ModuleCall.path(entry.module) else { return [] }
        var seen = Set<String>()
        return PlanConfiguration.mostSpecific(PlanConfiguration.references(expression))
            .flatMap { configuration.resolve($0, in: module) }
            .filter { seen.insert($0.instanceAddress + "." + $0.attribute).inserted && !isKnown($0) }
    }

    /// Whether the plan already knows the referenced value, so it cannot be the unknown one.
    private func isKnown(_ address: ResourceAddress) -> Bool {
        guard !address.rest.isEmpty, let target = entries[address.instanceAddress] else { return false }
        var marks = target.afterUnknown
        var value: JSONValue? = .object(target.values)
        for step in address.rest {
            if marks == .bool(true) { return false }
            switch step {
            case .name(let name):
                marks = marks?[name]
                value = value?[name]
            case .index(.int(let offset)):
                marks = marks?.array.flatMap { offset < $0.count ? $0[offset] : nil }
                value = value?.array.flatMap { offset < $0.count ? $0[offset] : nil }
            case .index(.string(let key)):
                marks = marks?[key]
                value = value?[key]
            case .splat:
                return false
            }
        }
        // A value the plan leaves out without marking it is not taken as known.
        return marks != .bool(true) && value != nil
    }

    /// `value` with the element at `path` replaced (nil removes an object member).
    static func setting(_ value: Value, at path: ArraySlice<Step>, to replacement: Value?) -> Value {
        guard let step = path.first else { return replacement ?? .null }
        let rest = path.dropFirst()
        switch step {
        case .name(let name):
            var fields = value.fields ?? [:]
            if rest.isEmpty && replacement == nil {
                fields[name] = nil
            } else {
                fields[name] = setting(fields[name] ?? .null, at: rest, to: replacement)
            }
            return .object(fields)
        case .index(.int(let offset)):
            var items = value.elements ?? []
            guard offset >= 0, offset < 100_000 else { return value }
            while items.count <= offset { items.append(.null) }
            items[offset] = setting(items[offset], at: rest, to: replacement)
            return .list(items)
        default:
            return value
        }
    }
}
