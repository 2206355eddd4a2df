/// An EKS cluster's network and access settings.
public struct EKSCluster: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var name: Resolved<String>
    /// Key of the cluster security group EKS creates (a `SecurityGroup` with role `.eksClusterSecurityGroup`).
    public var clusterSecurityGroup: ObjectRef
    /// `vpc_config.security_group_ids`: additional control-plane security groups.
    public var additionalSecurityGroups: [ObjectRef]
    public var subnets: [ObjectRef]
    public var vpc: ObjectRef?
    public var endpointPublicAccess: Resolved<Bool>
    public var endpointPrivateAccess: Resolved<Bool>
    /// Unset (nil) means AWS's default, 0.0.0.0/0.
    public var publicAccessCidrs: Resolved<[String]>?
    public var authenticationMode: Resolved<String>?

    public init(
        key: String, provenance: Provenance, name: Resolved<String>, clusterSecurityGroup: ObjectRef,
        additionalSecurityGroups: [ObjectRef] = [], subnets: [ObjectRef] = [], vpc: ObjectRef? = nil,
        endpointPublicAccess: Resolved<Bool>, endpointPrivateAccess: Resolved<Bool>,
        publicAccessCidrs: Resolved<[String]>? = nil, authenticationMode: Resolved<String>? = nil
    ) {
        self.key = key
        self.provenance = provenance
        self.name = name
        self.clusterSecurityGroup = clusterSecurityGroup
        self.additionalSecurityGroups = additionalSecurityGroups
        self.subnets = subnets
        self.vpc = vpc
        self.endpointPublicAccess = endpointPublicAccess
        self.endpointPrivateAccess = endpointPrivateAccess
        self.publicAccessCidrs = publicAccessCidrs
        self.authenticationMode = authenticationMode
    }
}

/// A group of worker nodes: an EKS managed node group, or a self-managed auto scaling group.
public struct NodeGroup: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case managed
        case selfManaged
    }

    public var key: String
    public var provenance: Provenance
    public var kind: Kind
    public var name: Resolved<String>?
    /// Key of the `EKSCluster`, or the cluster name when only the name is known.
    public var cluster: ObjectRef
    public var launchTemplate: ObjectRef?
    /// `remote_access.source_security_group_ids` and similar extra groups placed on nodes.
    public var extraSecurityGroups: [ObjectRef]

    public init(
        key: String, provenance: Provenance, kind: Kind, name: Resolved<String>? = nil, cluster: ObjectRef,
        launchTemplate: ObjectRef? = nil, extraSecurityGroups: [ObjectRef] = []
    ) {
        self.key = key
        self.provenance = provenance
        self.kind = kind
        self.name = name
        self.cluster = cluster
        self.launchTemplate = launchTemplate
        self.extraSecurityGroups = extraSecurityGroups
    }
}

/// An EKS access entry (API or API_AND_CONFIG_MAP authentication modes).
public struct AccessEntry: Codable, Hashable, Sendable {
    public var provenance: Provenance
    public var cluster: ObjectRef
    public var principalArn: Resolved<String>
    public var kubernetesGroups: Resolved<[String]>
    public var username: Resolved<String>?
    public var type: Resolved<String>?

    public init(
        provenance: Provenance, cluster: ObjectRef, principalArn: Resolved<String>,
        kubernetesGroups: Resolved<[String]>, username: Resolved<String>? = nil, type: Resolved<String>? = nil
    ) {
        self.provenance = provenance
        self.cluster = cluster
        self.principalArn = principalArn
        self.kubernetesGroups = kubernetesGroups
        self.username = username
        self.type = type
    }
}

/// An EKS access policy (such as AmazonEKSClusterAdminPolicy) associated with a principal.
public struct AccessPolicyAssociation: Codable, Hashable, Sendable {
    public var provenance: Provenance
    public var cluster: ObjectRef
    public var principalArn: Resolved<String>
    public var policyArn: Resolved<String>
    /// `cluster` or `namespace`.
    public var scopeType: Resolved<String>
    public var namespaces: [String]

    public init(
        provenance: Provenance, cluster: ObjectRef, principalArn: Resolved<String>, policyArn: Resolved<String>,
        scopeType: Resolved<String>, namespaces: [String] = []
    ) {
        self.provenance = provenance
        self.cluster = cluster
        self.principalArn = principalArn
        self.policyArn = policyArn
        self.scopeType = scopeType
        self.namespaces = namespaces
    }
}

/// The `aws-auth` ConfigMap in kube-system; the YAML strings are kept as written.
public struct AWSAuthConfigMap: Codable, Hashable, Sendable {
    public var provenance: Provenance
    public var mapRoles: Resolved<String>?
    public var mapUsers: Resolved<String>?
    public var mapAccounts: Resolved<String>?
    /// Per map (`mapRoles`, `mapUsers`) written as a YAML block (`|`), the file line of its text's first line,
    /// so each entry can be named by its own line; absent otherwise.
    public var textStarts: [String: SourceLocation]?

    public init(
        provenance: Provenance, mapRoles: Resolved<String>? = nil, mapUsers: Resolved<String>? = nil,
        mapAccounts: Resolved<String>? = nil
    ) {
        self.provenance = provenance
        self.mapRoles = mapRoles
        self.mapUsers = mapUsers
        self.mapAccounts = mapAccounts
    }
}
