/// Where a model object came from, so a finding can name the exact thing to change.
public struct Provenance: Codable, Hashable, Sendable {
    public enum Origin: String, Codable, Sendable {
        case terraform
        case plan
        case aws
        case gke
        case kubernetes
        case file
    }

    /// The object as its own world prints it: a Terraform address
    /// (`module.eks.aws_security_group_rule.kubelet["10.0.0.0/8"]`) or a cloud ID (`sg-0abc`).
    public var resource: String
    public var location: SourceLocation?
    public var origin: Origin

    public init(resource: String, location: SourceLocation? = nil, origin: Origin) {
        self.resource = resource
        self.location = location
        self.origin = origin
    }
}
