/// A Terraform address or reference split into its steps:
/// `module.eks.aws_security_group_rule.kubelet["10.0.0.0/8"].id` is
/// `module`, `eks`, `aws_security_group_rule`, `kubelet`, `["10.0.0.0/8"]`, `id`.
struct TraversalPath: Hashable, Sendable {
    enum Step: Hashable, Sendable {
        case name(String)
        case index(ResourceInstance.Key)
        /// `[*]`
        case splat
    }

    var steps: [Step]

    init(steps: [Step]) {
        self.steps = steps
    }

    /// Parses the text Terraform prints; nil when it is not a traversal.
    init?(parsing text: String) {
        var steps: [Step] = []
        let scalars = Array(text.unicodeScalars)
        var position = 0
        var expectName = true
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == "." {
                guard !expectName else { return nil }
                expectName = true
                position += 1
            } else if scalar == "[" {
                guard !steps.isEmpty, let (step, next) = Self.bracket(scalars, from: position) else { return nil }
                steps.append(step)
                expectName = false
                position = next
            } else {
                guard expectName else { return nil }
                var end = position
                while end < scalars.count, scalars[end] != ".", scalars[end] != "[" { end += 1 }
                var name = String.UnicodeScalarView()
                name.append(contentsOf: scalars[position..<end])
                steps.append(.name(String(name)))
                expectName = false
                position = end
            }
        }
        guard !steps.isEmpty, !expectName else { return nil }
        self.steps = steps
    }

    /// `[0]`, `["key"]` or `[*]` starting at `start`; the step and the position after `]`.
    private static func bracket(_ scalars: [Unicode.Scalar], from start: Int) -> (Step, Int)? {
        var position = start + 1
        guard position < scalars.count else { return nil }
        if scalars[position] == "\"" {
            position += 1
            var key = String.UnicodeScalarView()
            while position < scalars.count, scalars[position] != "\"" {
                if scalars[position] == "\\", position + 1 < scalars.count { position += 1 }
                key.append(scalars[position])
                position += 1
            }
            guard position + 1 < scalars.count, scalars[position + 1] == "]" else { return nil }
            return (.index(.string(String(key))), position + 2)
        }
        var inner = String.UnicodeScalarView()
        while position < scalars.count, scalars[position] != "]" {
            inner.append(scalars[position])
            position += 1
        }
        guard position < scalars.count else { return nil }
        let text = String(inner)
        if text == "*" { return (.splat, position + 1) }
        guard let number = Int(text) else { return nil }
        return (.index(.int(number)), position + 1)
    }

    /// Prints steps as Terraform does: names joined by dots, indexes in brackets.
    static func render(_ steps: some Sequence<Step>) -> String {
        var text = ""
        for step in steps {
            switch step {
            case .name(let name):
                if !text.isEmpty { text += "." }
                text += name
            case .index(let key):
                text += "[\(key)]"
            case .splat:
                text += "[*]"
            }
        }
        return text
    }

    var description: String { Self.render(steps) }
}

/// The parts of a resource address: `module.a["x"].module.b.data.aws_vpc.main[0]`.
struct ResourceAddress: Hashable, Sendable {
    /// `module.a["x"].module.b`, or empty at the root.
    var module: String
    var mode: ResourceInstance.Mode
    var type: String
    var name: String
    var key: ResourceInstance.Key?
    /// Steps after the resource (and its key): the attribute path of a reference.
    var rest: [TraversalPath.Step]

    /// Parses an address or a reference. Nil when it does not name a resource (`var.x`, `local.y`).
    init?(parsing text: String) {
        guard let path = TraversalPath(parsing: text) else { return nil }
        self.init(path)
    }

    init?(_ path: TraversalPath) {
        let steps = path.steps
        var position = 0
        var moduleSteps: [TraversalPath.Step] = []
        while position + 1 < steps.count, steps[position] == .name("module"), case .name = steps[position + 1] {
            moduleSteps.append(contentsOf: steps[position...position + 1])
            position += 2
            if position < steps.count, case .index = steps[position] {
                moduleSteps.append(steps[position])
                position += 1
            }
        }
        var mode = ResourceInstance.Mode.managed
        if position < steps.count, steps[position] == .name("data") {
            mode = .data
            position += 1
        }
        guard position + 1 < steps.count, case .name(let type) = steps[position], case .name(let name) = steps[position + 1],
            mode == .data || !Self.nonResourceRoots.contains(type)
        else { return nil }
        position += 2
        var key: ResourceInstance.Key?
        if position < steps.count, case .index(let index) = steps[position] {
            key = index
            position += 1
        }
        self.module = TraversalPath.render(moduleSteps)
        self.mode = mode
        self.type = type
        self.name = name
        self.key = key
        self.rest = Array(steps[position...])
    }

    /// Root names that are not resource types.
    static let nonResourceRoots: Set<String> = ["var", "local", "module", "each", "count", "path", "terraform", "self", "data"]

    /// The instance address without the attribute path.
    var instanceAddress: String {
        var address = module.isEmpty ? "" : module + "."
        if mode == .data { address += "data." }
        address += "\(type).\(name)"
        if let key { address += "[\(key)]" }
        return address
    }

    /// The attribute path after the instance: `vpc_config[0].cluster_security_group_id`.
    var attribute: String { TraversalPath.render(rest) }

    /// The resource type of an address, or nil when it does not name a resource.
    static func type(of address: String) -> String? {
        ResourceAddress(parsing: address)?.type
    }
}
