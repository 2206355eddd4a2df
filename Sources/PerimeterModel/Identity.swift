public struct IAMRole: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var name: Resolved<String>?
    public var arn: String?
    /// The trust policy as a JSON document, whether written inline, through `jsonencode` or an `aws_iam_policy_document`.
    public var assumeRolePolicy: Resolved<String>

    public init(
        key: String, provenance: Provenance, name: Resolved<String>? = nil, arn: String? = nil,
        assumeRolePolicy: Resolved<String>
    ) {
        self.key = key
        self.provenance = provenance
        self.name = name
        self.arn = arn
        self.assumeRolePolicy = assumeRolePolicy
    }
}

public struct OIDCProvider: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var url: Resolved<String>
    public var clientIDs: Resolved<[String]>
    public var arn: String?

    public init(key: String, provenance: Provenance, url: Resolved<String>, clientIDs: Resolved<[String]>, arn: String? = nil) {
        self.key = key
        self.provenance = provenance
        self.url = url
        self.clientIDs = clientIDs
        self.arn = arn
    }
}
