/// A Terraform value. Unknown values are first-class: they flow through expressions and
/// functions and, where they are a plain reference, keep "attribute X of resource Y".
public enum Value: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    /// A list or a tuple.
    case list([Value])
    /// A set: unique elements in Terraform's order (strings sorted lexically).
    case set([Value])
    /// A map or an object; Terraform iterates its keys in lexical order.
    case object([String: Value])
    case unknown(Unknown)

    public var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }

    /// True when the value or anything nested in it is unknown.
    public var containsUnknown: Bool {
        switch self {
        case .unknown: true
        case .list(let items), .set(let items): items.contains { $0.containsUnknown }
        case .object(let fields): fields.values.contains { $0.containsUnknown }
        default: false
        }
    }

    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// Elements of a list, tuple or set.
    public var elements: [Value]? {
        switch self {
        case .list(let items), .set(let items): items
        default: nil
        }
    }

    public var fields: [String: Value]? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    public var unknown: Unknown? {
        if case .unknown(let unknown) = self { return unknown }
        return nil
    }

    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .number: "number"
        case .string: "string"
        case .list: "list"
        case .set: "set"
        case .object: "object"
        case .unknown: "unknown"
        }
    }
}

/// Why a value is unknown, and what it stands for when that is a single reference.
public struct Unknown: Hashable, Sendable {
    /// The resource or data source instance it belongs to, as Terraform prints it
    /// (`module.eks.aws_eks_cluster.this`), when the value is one of its attributes.
    public var resource: String?
    /// The attribute path inside that resource (`vpc_config[0].cluster_security_group_id`, `id`).
    public var attribute: String?
    /// A sentence for people: `aws_security_group.node.id is known only after apply`.
    public var reason: String
    /// A string whose known parts are known: a template such as `"arn:${partition}:eks::aws:x/Admin"`
    /// keeps `arn:` and `:eks::aws:x/Admin` here, so a check can decide on them (an ARN's policy name).
    /// nil when nothing of the value is known.
    public var partial: PartialString?
    /// The value is the base64 encoding of this partially known text (`base64encode(<<-EOT ... EOT)` user
    /// data): nothing of the encoded string is known, but the text's known lines can still be read.
    public var base64Of: PartialString?

    public init(
        resource: String? = nil, attribute: String? = nil, reason: String, partial: PartialString? = nil,
        base64Of: PartialString? = nil
    ) {
        self.resource = resource
        self.attribute = attribute
        self.reason = reason
        self.partial = partial
        self.base64Of = base64Of
    }

    /// Stands for a resource's own attribute (`aws_security_group.node.id`): providers give IDs,
    /// ARNs and names that are never null or "", so compact() and coalesce() may keep them.
    public var isResourceAttribute: Bool { resource != nil && partial == nil }

    /// An attribute of a resource that Terraform computes at apply time.
    public static func attribute(_ attribute: String, of resource: String) -> Unknown {
        Unknown(resource: resource, attribute: attribute, reason: "\(resource).\(attribute) is known only after apply")
    }

    /// The whole reference as written: `aws_eks_cluster.this.vpc_config[0].cluster_security_group_id`.
    public var reference: String? {
        guard let resource else { return nil }
        guard let attribute, !attribute.isEmpty else { return resource }
        return attribute.hasPrefix("[") ? resource + attribute : resource + "." + attribute
    }
}

/// The known text around the unknown parts of a string: Terraform keeps the known prefix of a
/// template (`refinements`); perimeter keeps the suffix too, and how the whole was written.
public struct PartialString: Hashable, Sendable {
    /// Text before the first unknown part.
    public var prefix: String
    /// Text after the last unknown part.
    public var suffix: String
    /// The template with each unknown part shown as `${reference}` (or `${?}`): for evidence.
    public var written: String

    public init(prefix: String, suffix: String, written: String) {
        self.prefix = prefix
        self.suffix = suffix
        self.written = written
    }
}
