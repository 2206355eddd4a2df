/// Everything perimeter knows about one environment, normalized so a check never knows
/// whether an object came from HCL, a plan or a cloud API.
public struct Snapshot: Codable, Hashable, Sendable {
    public static let currentVersion = 1

    public var version: Int = Snapshot.currentVersion
    /// The inputs it was built from (paths, `aws:REGION/CLUSTER`), for reports.
    public var sources: [String] = []

    public var securityGroups: [SecurityGroup] = []
    public var securityGroupRules: [SecurityGroupRule] = []
    public var prefixLists: [PrefixList] = []
    public var eksClusters: [EKSCluster] = []
    public var nodeGroups: [NodeGroup] = []
    public var launchTemplates: [LaunchTemplate] = []
    public var autoScalingGroups: [AutoScalingGroup] = []
    public var instances: [Instance] = []
    public var networkInterfaces: [NetworkInterface] = []
    public var vpcs: [VPC] = []
    public var subnets: [Subnet] = []
    public var routeTables: [RouteTable] = []
    public var routes: [Route] = []
    public var peeringConnections: [PeeringConnection] = []
    public var networkACLs: [NetworkACL] = []
    public var iamRoles: [IAMRole] = []
    public var oidcProviders: [OIDCProvider] = []
    public var accessEntries: [AccessEntry] = []
    public var accessPolicyAssociations: [AccessPolicyAssociation] = []
    public var awsAuthConfigMaps: [AWSAuthConfigMap] = []
    public var gkeClusters: [GKECluster] = []
    public var gkeNodePools: [GKENodePool] = []
    public var gcpFirewalls: [GCPFirewall] = []
    /// Set when the snapshot was read from a live account (`perimeter collect`); optional so older files still decode.
    public var collection: CollectionInfo?
    /// Roles, bindings, service accounts and workloads read from manifests or a live cluster.
    public var kubernetes = KubernetesObjects()

    public init() {}

    /// Appends every object of `other`, keeping this snapshot's order first.
    public mutating func merge(_ other: Snapshot) {
        sources += other.sources
        securityGroups += other.securityGroups
        securityGroupRules += other.securityGroupRules
        prefixLists += other.prefixLists
        eksClusters += other.eksClusters
        nodeGroups += other.nodeGroups
        launchTemplates += other.launchTemplates
        autoScalingGroups += other.autoScalingGroups
        instances += other.instances
        networkInterfaces += other.networkInterfaces
        vpcs += other.vpcs
        subnets += other.subnets
        routeTables += other.routeTables
        routes += other.routes
        peeringConnections += other.peeringConnections
        networkACLs += other.networkACLs
        iamRoles += other.iamRoles
        oidcProviders += other.oidcProviders
        accessEntries += other.accessEntries
        accessPolicyAssociations += other.accessPolicyAssociations
        awsAuthConfigMaps += other.awsAuthConfigMaps
        gkeClusters += other.gkeClusters
        gkeNodePools += other.gkeNodePools
        gcpFirewalls += other.gcpFirewalls
        if collection == nil { collection = other.collection }
        kubernetes.merge(other.kubernetes)
    }
}

/// Older snapshot files lack the arrays added since; they decode as empty.
extension Snapshot {
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decodeIfPresent(Int.self, forKey: .version) ?? Snapshot.currentVersion
        sources = try container.decodeIfPresent([String].self, forKey: .sources) ?? []
        securityGroups = try container.decodeIfPresent([SecurityGroup].self, forKey: .securityGroups) ?? []
        securityGroupRules = try container.decodeIfPresent([SecurityGroupRule].self, forKey: .securityGroupRules) ?? []
        prefixLists = try container.decodeIfPresent([PrefixList].self, forKey: .prefixLists) ?? []
        eksClusters = try container.decodeIfPresent([EKSCluster].self, forKey: .eksClusters) ?? []
        nodeGroups = try container.decodeIfPresent([NodeGroup].self, forKey: .nodeGroups) ?? []
        launchTemplates = try container.decodeIfPresent([LaunchTemplate].self, forKey: .launchTemplates) ?? []
        autoScalingGroups = try container.decodeIfPresent([AutoScalingGroup].self, forKey: .autoScalingGroups) ?? []
        instances = try container.decodeIfPresent([Instance].self, forKey: .instances) ?? []
        networkInterfaces = try container.decodeIfPresent([NetworkInterface].self, forKey: .networkInterfaces) ?? []
        vpcs = try container.decodeIfPresent([VPC].self, forKey: .vpcs) ?? []
        subnets = try container.decodeIfPresent([Subnet].self, forKey: .subnets) ?? []
        routeTables = try container.decodeIfPresent([RouteTable].self, forKey: .routeTables) ?? []
        routes = try container.decodeIfPresent([Route].self, forKey: .routes) ?? []
        peeringConnections = try container.decodeIfPresent([PeeringConnection].self, forKey: .peeringConnections) ?? []
        networkACLs = try container.decodeIfPresent([NetworkACL].self, forKey: .networkACLs) ?? []
        iamRoles = try container.decodeIfPresent([IAMRole].self, forKey: .iamRoles) ?? []
        oidcProviders = try container.decodeIfPresent([OIDCProvider].self, forKey: .oidcProviders) ?? []
        accessEntries = try container.decodeIfPresent([AccessEntry].self, forKey: .accessEntries) ?? []
        accessPolicyAssociations = try container.decodeIfPresent([AccessPolicyAssociation].self, forKey: .accessPolicyAssociations) ?? []
        awsAuthConfigMaps = try container.decodeIfPresent([AWSAuthConfigMap].self, forKey: .awsAuthConfigMaps) ?? []
        gkeClusters = try container.decodeIfPresent([GKECluster].self, forKey: .gkeClusters) ?? []
        gkeNodePools = try container.decodeIfPresent([GKENodePool].self, forKey: .gkeNodePools) ?? []
        gcpFirewalls = try container.decodeIfPresent([GCPFirewall].self, forKey: .gcpFirewalls) ?? []
        collection = try container.decodeIfPresent(CollectionInfo.self, forKey: .collection)
        kubernetes = try container.decodeIfPresent(KubernetesObjects.self, forKey: .kubernetes) ?? KubernetesObjects()
    }
}
