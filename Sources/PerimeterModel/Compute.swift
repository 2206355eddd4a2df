/// Instance metadata service settings of a launch template or instance.
public struct MetadataOptions: Codable, Hashable, Sendable {
    /// `required` means IMDSv2 only. nil: not set, so the AWS default (`optional`) applies.
    public var httpTokens: Resolved<String>?
    public var httpEndpoint: Resolved<String>?
    public var hopLimit: Resolved<Int>?

    public init(httpTokens: Resolved<String>? = nil, httpEndpoint: Resolved<String>? = nil, hopLimit: Resolved<Int>? = nil) {
        self.httpTokens = httpTokens
        self.httpEndpoint = httpEndpoint
        self.hopLimit = hopLimit
    }
}

public struct LaunchTemplate: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var id: String?
    public var name: Resolved<String>?
    /// `vpc_security_group_ids` and every `network_interfaces.security_groups`.
    public var securityGroups: [ObjectRef]
    /// Whether the template sets any security group at all (a managed node group then does not add the cluster SG).
    public var setsSecurityGroups: Resolved<Bool>
    /// nil when the template has no `metadata_options` block.
    public var metadataOptions: MetadataOptions?
    /// Decoded when it was plain text or base64; unknown when computed.
    public var userData: Resolved<String>?
    public var tags: [String: String]
    /// The version read from a live account (the one its node group or ASG launches); nil from Terraform.
    public var version: String?

    public init(
        key: String, provenance: Provenance, id: String? = nil, name: Resolved<String>? = nil,
        securityGroups: [ObjectRef] = [], setsSecurityGroups: Resolved<Bool> = .known(false),
        metadataOptions: MetadataOptions? = nil, userData: Resolved<String>? = nil, tags: [String: String] = [:],
        version: String? = nil
    ) {
        self.key = key
        self.provenance = provenance
        self.id = id
        self.name = name
        self.securityGroups = securityGroups
        self.setsSecurityGroups = setsSecurityGroups
        self.metadataOptions = metadataOptions
        self.userData = userData
        self.tags = tags
        self.version = version
    }
}

public struct AutoScalingGroup: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var name: Resolved<String>?
    public var launchTemplate: ObjectRef?
    /// Known tags only (`kubernetes.io/cluster/NAME` marks a self-managed node group).
    public var tags: [String: String]
    public var instances: [ObjectRef]

    public init(
        key: String, provenance: Provenance, name: Resolved<String>? = nil, launchTemplate: ObjectRef? = nil,
        tags: [String: String] = [:], instances: [ObjectRef] = []
    ) {
        self.key = key
        self.provenance = provenance
        self.name = name
        self.launchTemplate = launchTemplate
        self.tags = tags
        self.instances = instances
    }
}

public struct Instance: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var id: String?
    public var securityGroups: [ObjectRef]
    public var subnet: ObjectRef?
    /// nil: not set, so the AWS default (true) applies.
    public var sourceDestCheck: Resolved<Bool>?
    public var metadataOptions: MetadataOptions?
    public var privateIP: String?
    public var publicIP: String?
    public var tags: [String: String]

    public init(
        key: String, provenance: Provenance, id: String? = nil, securityGroups: [ObjectRef] = [],
        subnet: ObjectRef? = nil, sourceDestCheck: Resolved<Bool>? = nil, metadataOptions: MetadataOptions? = nil,
        privateIP: String? = nil, publicIP: String? = nil, tags: [String: String] = [:]
    ) {
        self.key = key
        self.provenance = provenance
        self.id = id
        self.securityGroups = securityGroups
        self.subnet = subnet
        self.sourceDestCheck = sourceDestCheck
        self.metadataOptions = metadataOptions
        self.privateIP = privateIP
        self.publicIP = publicIP
        self.tags = tags
    }
}

/// A live elastic network interface: the security groups really attached to an instance or to the control plane.
public struct NetworkInterface: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var securityGroups: [ObjectRef]
    public var instance: ObjectRef?
    public var interfaceType: String?
    public var description: String?
    public var privateIPs: [String]

    public init(
        key: String, provenance: Provenance, securityGroups: [ObjectRef], instance: ObjectRef? = nil,
        interfaceType: String? = nil, description: String? = nil, privateIPs: [String] = []
    ) {
        self.key = key
        self.provenance = provenance
        self.securityGroups = securityGroups
        self.instance = instance
        self.interfaceType = interfaceType
        self.description = description
        self.privateIPs = privateIPs
    }
}
