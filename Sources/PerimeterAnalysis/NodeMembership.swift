import PerimeterModel

/// Which security groups end up on each cluster's nodes, and which make up its control plane.
///
/// - A managed node group whose launch template is known to set security groups gets those groups
///   only (EKS then does not add the cluster SG); without a launch template, or with one that sets
///   none, it gets its cluster's cluster SG. When the template's setting is unknown, so is membership.
/// - A self-managed node group, or an auto scaling group tagged `kubernetes.io/cluster/NAME` (owned or
///   shared), gets its launch template's groups.
/// - Live instances (listed by an ASG, or tagged `eks:nodegroup-name`, `eks:cluster-name`,
///   `kubernetes.io/cluster/NAME`) and their network interfaces add the groups they really carry.
///
/// Built once per snapshot in O(objects); lookups are dictionary reads.
public struct NodeMembership: Sendable {
    public let index: SnapshotIndex
    /// Every node target: node groups first, then ASGs, then tagged instance sets.
    public let allNodeTargets: [NodeTarget]

    private let targetsByCluster: [String: [Int]]
    private let targetsBySecurityGroup: [String: [Int]]
    private let controlPlanes: [String: ControlPlaneGroups]

    public init(snapshot: Snapshot) {
        self.init(index: SnapshotIndex(snapshot: snapshot))
    }

    public init(index: SnapshotIndex) {
        self.index = index
        var builder = NodeTargetBuilder(index: index)
        builder.addNodeGroups()
        builder.addAutoScalingGroups()
        builder.addLiveInstances()
        allNodeTargets = builder.targets

        var byCluster: [String: [Int]] = [:]
        var bySecurityGroup: [String: [Int]] = [:]
        for (position, target) in allNodeTargets.enumerated() {
            if let cluster = target.clusterKey { byCluster[cluster, default: []].append(position) }
            for key in target.securityGroupKeys { bySecurityGroup[key, default: []].append(position) }
        }
        targetsByCluster = byCluster
        targetsBySecurityGroup = bySecurityGroup
        controlPlanes = NodeMembership.controlPlanes(index: index)
    }

    /// The node targets of one cluster.
    public func nodeGroups(of cluster: EKSCluster) -> [NodeTarget] {
        nodeGroups(ofCluster: cluster.key)
    }

    public func nodeGroups(ofCluster clusterKey: String) -> [NodeTarget] {
        (targetsByCluster[clusterKey] ?? []).map { allNodeTargets[$0] }
    }

    /// True when the group (key or cloud ID) is carried by the nodes of any node target.
    public func isNodeGroup(_ securityGroupKey: String) -> Bool {
        targetsBySecurityGroup[index.securityGroupKey(securityGroupKey)] != nil
    }

    /// The node targets that carry the group (key or cloud ID).
    public func nodeTargets(carrying securityGroupKey: String) -> [NodeTarget] {
        (targetsBySecurityGroup[index.securityGroupKey(securityGroupKey)] ?? []).map { allNodeTargets[$0] }
    }

    /// The cluster SG and the additional control-plane SGs, cluster SG first.
    public func controlPlaneGroups(of cluster: EKSCluster) -> [String] {
        controlPlane(of: cluster).securityGroupKeys
    }

    /// The control-plane groups with what could not be resolved.
    public func controlPlane(of cluster: EKSCluster) -> ControlPlaneGroups {
        controlPlanes[cluster.key]
            ?? ControlPlaneGroups(clusterKey: cluster.key, clusterSecurityGroupKey: nil, securityGroupKeys: [], unresolved: [])
    }

    /// True when the group (key or cloud ID) is part of any cluster's control plane.
    public func isControlPlaneGroup(_ securityGroupKey: String) -> Bool {
        let key = index.securityGroupKey(securityGroupKey)
        return controlPlanes.values.contains { $0.securityGroupKeys.contains(key) }
    }

    private static func controlPlanes(index: SnapshotIndex) -> [String: ControlPlaneGroups] {
        let snapshot = index.snapshot
        var result: [String: ControlPlaneGroups] = [:]
        var clustersByName: [String: String] = [:]
        for cluster in snapshot.eksClusters where result[cluster.key] == nil {
            var groups = ControlPlaneGroups(
                clusterKey: cluster.key, clusterSecurityGroupKey: nil, securityGroupKeys: [],
                unresolved: [])
            if let key = index.clusterSecurityGroupKey(of: cluster) {
                groups.clusterSecurityGroupKey = key
                groups.securityGroupKeys.append(key)
            } else {
                groups.unresolved.append(
                    UnresolvedReference(
                        ref: cluster.clusterSecurityGroup, reason: "the cluster security group of '\(cluster.key)' is unknown"))
            }
            for ref in cluster.additionalSecurityGroups {
                if let key = index.securityGroupKey(for: ref) {
                    if !groups.securityGroupKeys.contains(key) { groups.securityGroupKeys.append(key) }
                } else {
                    groups.unresolved.append(
                        UnresolvedReference(
                            ref: ref, reason: "an additional security group of '\(cluster.key)' is unknown"))
                }
            }
            result[cluster.key] = groups
            if let name = cluster.name.value { clustersByName[name] = cluster.key }
        }
        // EKS describes the control-plane ENIs it places in the VPC as "Amazon EKS CLUSTER".
        let prefix = "Amazon EKS "
        for interface in snapshot.networkInterfaces where interface.instance == nil {
            guard let description = interface.description, description.hasPrefix(prefix),
                let clusterKey = clustersByName[String(description.dropFirst(prefix.count))]
            else { continue }
            for ref in interface.securityGroups {
                guard let key = index.securityGroupKey(for: ref) else { continue }
                if result[clusterKey]?.securityGroupKeys.contains(key) == false {
                    result[clusterKey]?.securityGroupKeys.append(key)
                }
            }
        }
        return result
    }
}
