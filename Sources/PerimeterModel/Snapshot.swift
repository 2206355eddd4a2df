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
    }
}
