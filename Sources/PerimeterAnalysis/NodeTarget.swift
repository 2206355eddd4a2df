import PerimeterModel

/// A reference that could not be turned into a security group, and why.
public struct UnresolvedReference: Hashable, Sendable, CustomStringConvertible {
    public var ref: ObjectRef
    public var reason: String

    public init(ref: ObjectRef, reason: String) {
        self.ref = ref
        self.reason = reason
    }

    public var description: String { "\(ref): \(reason)" }
}

/// A set of worker nodes and the security groups they carry: what "node SG" means in the checks.
public struct NodeTarget: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// An EKS managed node group (`NodeGroup` with kind `.managed`).
        case managedNodeGroup
        /// A `NodeGroup` with kind `.selfManaged`.
        case selfManagedNodeGroup
        /// An auto scaling group tagged `kubernetes.io/cluster/NAME`.
        case autoScalingGroup
        /// Live instances tagged for a cluster that belong to no node group or ASG (Karpenter nodes, say),
        /// one target per cluster and set of security groups.
        case taggedInstances
    }

    public var kind: Kind
    /// The node group's or ASG's key; for tagged instances, a synthetic `instances:CLUSTER:SGS` key.
    public var key: String
    /// The node group or ASG name when known, else its key.
    public var name: String
    /// Where to point a finding about the target itself.
    public var provenance: Provenance
    /// The `EKSCluster` the nodes join, when the snapshot describes it.
    public var clusterKey: String?
    /// The cluster's name (from the cluster, its tag, or the node group's reference).
    public var clusterName: String?
    /// Canonical security group keys (see `SnapshotIndex.securityGroupKey`), first-seen order, no repeats.
    public private(set) var securityGroupKeys: [String]
    /// References that could not become a security group key.
    public var unresolved: [UnresolvedReference]
    /// Set when the configuration cannot tell which groups the nodes get (the launch template's
    /// security groups are unknown); `securityGroupKeys` then holds only what is certain.
    public var membershipUnknown: String?
    /// When membership is unknown: every group the nodes might carry.
    public var possibleSecurityGroupKeys: [String]
    /// Live instances found in this target; their real groups are in `securityGroupKeys`.
    public var instanceKeys: [String]
    /// Mirrors `securityGroupKeys` so a target with thousands of live instances adds groups in O(1).
    private var securityGroupKeySet: Set<String> = []

    public init(
        kind: Kind, key: String, name: String, provenance: Provenance, clusterKey: String? = nil,
        clusterName: String? = nil
    ) {
        self.kind = kind
        self.key = key
        self.name = name
        self.provenance = provenance
        self.clusterKey = clusterKey
        self.clusterName = clusterName
        self.securityGroupKeys = []
        self.unresolved = []
        self.membershipUnknown = nil
        self.possibleSecurityGroupKeys = []
        self.instanceKeys = []
    }

    public var isMembershipKnown: Bool { membershipUnknown == nil }

    public func carries(_ securityGroupKey: String) -> Bool {
        securityGroupKeySet.contains(securityGroupKey)
    }

    mutating func addSecurityGroup(_ key: String) {
        if securityGroupKeySet.insert(key).inserted { securityGroupKeys.append(key) }
    }

    mutating func addPossibleSecurityGroup(_ key: String) {
        if !possibleSecurityGroupKeys.contains(key) { possibleSecurityGroupKeys.append(key) }
    }

    mutating func addUnresolved(_ ref: ObjectRef, _ reason: String) {
        let entry = UnresolvedReference(ref: ref, reason: reason)
        if !unresolved.contains(entry) { unresolved.append(entry) }
    }
}

/// The security groups of an EKS control plane: the cluster SG and `vpc_config.security_group_ids`,
/// plus groups seen on the live control-plane ENIs (described `Amazon EKS CLUSTER`).
public struct ControlPlaneGroups: Hashable, Sendable {
    public var clusterKey: String
    /// The EKS-created cluster security group, when known.
    public var clusterSecurityGroupKey: String?
    /// Every control-plane group, cluster SG first.
    public var securityGroupKeys: [String]
    public var unresolved: [UnresolvedReference]
}
