import PerimeterModel

/// Finds the objects an `ObjectRef` points at, built once per snapshot in O(objects).
///
/// A reference matches an object's `key` first, then its cloud `id` (so `.external("sg-0abc")` finds the
/// group a plan described with that ID). When several objects share a key, the first one wins.
public struct SnapshotIndex: Sendable {
    public let snapshot: Snapshot

    private let securityGroups: Lookup
    private let clusters: Lookup
    private let clusterNames: [String: Int]
    private let launchTemplates: Lookup
    private let autoScalingGroups: Lookup
    private let instances: Lookup
    private let prefixLists: Lookup
    /// Cluster security groups found by their owner, for clusters whose own reference is unknown.
    private let clusterSecurityGroupByOwner: [String: Int]

    public init(snapshot: Snapshot) {
        self.snapshot = snapshot
        securityGroups = Lookup(snapshot.securityGroups.map { ($0.key, $0.id) })
        clusters = Lookup(snapshot.eksClusters.map { ($0.key, nil) })
        var names: [String: Int] = [:]
        for (position, cluster) in snapshot.eksClusters.enumerated() {
            if let name = cluster.name.value, names[name] == nil { names[name] = position }
        }
        clusterNames = names
        launchTemplates = Lookup(snapshot.launchTemplates.map { ($0.key, $0.id) })
        autoScalingGroups = Lookup(snapshot.autoScalingGroups.map { ($0.key, $0.name?.value) })
        instances = Lookup(snapshot.instances.map { ($0.key, $0.id) })
        prefixLists = Lookup(snapshot.prefixLists.map { ($0.key, nil) })
        var owners: [String: Int] = [:]
        for (position, group) in snapshot.securityGroups.enumerated() where group.role == .eksClusterSecurityGroup {
            if let owner = group.ownerCluster, owners[owner] == nil { owners[owner] = position }
        }
        clusterSecurityGroupByOwner = owners
    }

    /// The key every engine uses for a security group: the described group's key when the snapshot has it,
    /// otherwise the reference as written (a cloud ID no object describes). nil only for `.unknown`.
    public func securityGroupKey(for ref: ObjectRef) -> String? {
        guard let text = ref.knownKey else { return nil }
        return securityGroupKey(text)
    }

    /// The canonical key for a key or cloud ID.
    public func securityGroupKey(_ keyOrID: String) -> String {
        securityGroups.find(keyOrID).map { snapshot.securityGroups[$0].key } ?? keyOrID
    }

    public func securityGroup(for ref: ObjectRef) -> SecurityGroup? {
        ref.knownKey.flatMap(securityGroups.find).map { snapshot.securityGroups[$0] }
    }

    /// By key, then by the cluster's known name (a node group may name its cluster rather than point at it).
    public func cluster(for ref: ObjectRef) -> EKSCluster? {
        guard let text = ref.knownKey else { return nil }
        return cluster(keyOrName: text)
    }

    public func cluster(keyOrName text: String) -> EKSCluster? {
        (clusters.find(text) ?? clusterNames[text]).map { snapshot.eksClusters[$0] }
    }

    /// The cluster's EKS-created security group: its own reference, or a group whose role says it owns it.
    public func clusterSecurityGroupKey(of cluster: EKSCluster) -> String? {
        if let key = securityGroupKey(for: cluster.clusterSecurityGroup) { return key }
        return clusterSecurityGroupByOwner[cluster.key].map { snapshot.securityGroups[$0].key }
    }

    public func launchTemplate(for ref: ObjectRef) -> LaunchTemplate? {
        ref.knownKey.flatMap(launchTemplates.find).map { snapshot.launchTemplates[$0] }
    }

    /// By key, then by the group's known name (instances carry `aws:autoscaling:groupName`).
    public func autoScalingGroup(keyOrName text: String) -> AutoScalingGroup? {
        autoScalingGroups.find(text).map { snapshot.autoScalingGroups[$0] }
    }

    public func instance(for ref: ObjectRef) -> Instance? {
        ref.knownKey.flatMap(instances.find).map { snapshot.instances[$0] }
    }

    public func prefixList(for ref: ObjectRef) -> PrefixList? {
        ref.knownKey.flatMap(prefixLists.find).map { snapshot.prefixLists[$0] }
    }
}

/// Positions of objects by key and by a second identifier (cloud ID or name).
private struct Lookup: Sendable {
    private var byKey: [String: Int] = [:]
    private var bySecondary: [String: Int] = [:]

    init(_ identifiers: [(key: String, secondary: String?)]) {
        byKey.reserveCapacity(identifiers.count)
        for (position, identifier) in identifiers.enumerated() {
            if byKey[identifier.key] == nil { byKey[identifier.key] = position }
            if let secondary = identifier.secondary, bySecondary[secondary] == nil { bySecondary[secondary] = position }
        }
    }

    func find(_ text: String) -> Int? {
        byKey[text] ?? bySecondary[text]
    }
}
