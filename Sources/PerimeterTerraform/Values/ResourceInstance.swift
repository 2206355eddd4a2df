import PerimeterModel

/// One instance of a resource or data source after evaluation, in the shape Terraform's own
/// state and plan use: nested blocks are lists of objects inside `values`.
/// Both the HCL evaluator and the plan reader produce it; the snapshot mapping reads only this.
public struct ResourceInstance: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable {
        case managed
        case data
    }

    public enum Key: Hashable, Sendable, CustomStringConvertible {
        case int(Int)
        case string(String)

        /// As Terraform prints it inside brackets: `0` or `"key"` (with JSON-style escapes).
        public var description: String {
            switch self {
            case .int(let index): String(index)
            case .string(let key):
                "\""
                    + key.reduce(into: "") { escaped, character in
                        if character == "\\" || character == "\"" { escaped.append("\\") }
                        escaped.append(character)
                    } + "\""
            }
        }
    }

    public var mode: Mode
    public var type: String
    public var name: String
    /// The module path as Terraform prints it: `""` for the root, `module.eks`, `module.a["x"].module.b`.
    public var module: String
    public var key: Key?
    /// Attributes and nested blocks (lists of objects), with unknowns where a value is computed.
    public var values: [String: Value]
    /// Where the resource block starts; nil for plan input.
    public var location: SourceLocation?
    /// Where each attribute or nested block was written, by path: `cidr_blocks`, `ingress[0]`,
    /// `ingress[0].cidr_blocks`, `vpc_config[0]`.
    public var locations: [String: SourceLocation]
    /// True when count / for_each was not known: this one instance stands for all of them, with
    /// `each` / `count.index` unknown, so what they share (a destination, a port) is still seen.
    public var representsUnknownInstances: Bool

    public init(
        mode: Mode = .managed, type: String, name: String, module: String = "", key: Key? = nil,
        values: [String: Value], location: SourceLocation? = nil, locations: [String: SourceLocation] = [:],
        representsUnknownInstances: Bool = false
    ) {
        self.mode = mode
        self.type = type
        self.name = name
        self.module = module
        self.key = key
        self.values = values
        self.location = location
        self.locations = locations
        self.representsUnknownInstances = representsUnknownInstances
    }

    /// `module.eks.aws_security_group_rule.kubelet["10.0.0.0/8"]`, `data.aws_iam_policy_document.trust`.
    public var address: String {
        var address = module.isEmpty ? "" : module + "."
        if mode == .data { address += "data." }
        address += "\(type).\(name)"
        if let key {
            address += "[\(key)]"
        } else if representsUnknownInstances {
            address += "[*]"
        }
        return address
    }

    /// The location of an attribute or block path, falling back to the resource's own.
    public func location(of path: String) -> SourceLocation? {
        locations[path] ?? location
    }
}
