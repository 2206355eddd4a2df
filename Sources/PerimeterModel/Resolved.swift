/// A value an input may not be able to know: a computed attribute, a data source, a variable without value.
/// Checks must not report a finding that depends on an unknown as fact.
public enum Resolved<Value: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    case known(Value)
    /// Why it is unknown, in words a person understands (`aws_eks_cluster.this.arn is known only after apply`).
    case unknown(String)

    public var value: Value? {
        if case .known(let value) = self { return value }
        return nil
    }

    public var isKnown: Bool { value != nil }

    public func map<T>(_ transform: (Value) -> T) -> Resolved<T> {
        switch self {
        case .known(let value): .known(transform(value))
        case .unknown(let reason): .unknown(reason)
        }
    }
}

/// How one model object points at another.
public enum ObjectRef: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The `key` of an object in the same snapshot (a Terraform address, a synthetic key, or a cloud ID).
    case key(String)
    /// A concrete cloud ID (`sg-0abc`) that no object in the snapshot describes.
    case external(String)
    /// Cannot be known from this input.
    case unknown(String)

    public var description: String {
        switch self {
        case .key(let key): key
        case .external(let id): id
        case .unknown(let reason): "unknown (\(reason))"
        }
    }

    public var knownKey: String? {
        switch self {
        case .key(let key), .external(let key): key
        case .unknown: nil
        }
    }
}
