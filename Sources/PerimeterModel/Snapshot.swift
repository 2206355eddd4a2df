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
    public var kubeletSettings: [KubeletSettings] = []
    public var readOnlyPortUses: [ReadOnlyPortUse] = []
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
        kubeletSettings += other.kubeletSettings
        readOnlyPortUses += other.readOnlyPortUses
        if collection == nil { collection = other.collection }
        kubernetes.merge(other.kubernetes)
    }
}

/// Snapshots written before a kind of object existed still decode: a missing array is empty.
extension Snapshot {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func list<T: Decodable>(_ key: CodingKeys) throws -> [T] { try container.decodeIfPresent([T].self, forKey: key) ?? [] }
        version = try container.decodeIfPresent(Int.self, forKey: .version) ?? Snapshot.currentVersion
        sources = try list(.sources)
        securityGroups = try list(.securityGroups)
        securityGroupRules = try list(.securityGroupRules)
        prefixLists = try list(.prefixLists)
        eksClusters = try list(.eksClusters)
        nodeGroups = try list(.nodeGroups)
        launchTemplates = try list(.launchTemplates)
        autoScalingGroups = try list(.autoScalingGroups)
        instances = try list(.instances)
        networkInterfaces = try list(.networkInterfaces)
        vpcs = try list(.vpcs)
        subnets = try list(.subnets)
        routeTables = try list(.routeTables)
        routes = try list(.routes)
        peeringConnections = try list(.peeringConnections)
        networkACLs = try list(.networkACLs)
        iamRoles = try list(.iamRoles)
        oidcProviders = try list(.oidcProviders)
        accessEntries = try list(.accessEntries)
        accessPolicyAssociations = try list(.accessPolicyAssociations)
        awsAuthConfigMaps = try list(.awsAuthConfigMaps)
        gkeClusters = try list(.gkeClusters)
        gkeNodePools = try list(.gkeNodePools)
        gcpFirewalls = try list(.gcpFirewalls)
        kubeletSettings = try list(.kubeletSettings)
        readOnlyPortUses = try list(.readOnlyPortUses)
        collection = try container.decodeIfPresent(CollectionInfo.self, forKey: .collection)
        kubernetes = try container.decodeIfPresent(KubernetesObjects.self, forKey: .kubernetes) ?? KubernetesObjects()
    }
}
