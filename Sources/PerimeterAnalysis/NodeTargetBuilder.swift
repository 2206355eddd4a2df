import PerimeterModel

/// Builds `NodeMembership.allNodeTargets`: node groups, tagged ASGs, then live instances.
struct NodeTargetBuilder {
    let index: SnapshotIndex
    private(set) var targets: [NodeTarget] = []
    /// `CLUSTER NAME \0 NODE GROUP NAME` of managed node groups, so their ASGs and instances fold into them.
    private var managedByName: [String: Int] = [:]
    private var targetByASGKey: [String: Int] = [:]
    private var targetByInstanceKey: [String: Int] = [:]
    private var targetByTaggedSet: [String: Int] = [:]

    init(index: SnapshotIndex) {
        self.index = index
    }

    /// Why a node group's launch template is not there: `the launch template is unknown: variable 'id' has no value`.
    private static func missing(_ ref: ObjectRef) -> String {
        if case .unknown(let why) = ref { return "the launch template is unknown: \(why)" }
        return "launch template \(ref) is not in the snapshot"
    }

    // MARK: Node groups

    mutating func addNodeGroups() {
        for group in index.snapshot.nodeGroups {
            let cluster = index.cluster(for: group.cluster)
            let name = group.name?.value ?? group.key
            let isManaged = group.kind == .managed
            var target = NodeTarget(
                kind: isManaged ? .managedNodeGroup : .selfManagedNodeGroup, key: group.key, name: name,
                provenance: group.provenance, clusterKey: cluster?.key,
                clusterName: cluster?.name.value ?? (cluster == nil ? group.cluster.knownKey : nil))
            if cluster == nil {
                target.addUnresolved(group.cluster, "cluster \(group.cluster) is not in the snapshot")
            }
            if isManaged {
                applyManagedTemplate(group.launchTemplate, cluster: cluster, to: &target)
            } else {
                applySelfManagedTemplate(group.launchTemplate, to: &target)
            }
            addReferences(group.extraSecurityGroups, to: &target, what: "an extra security group of '\(name)'")
            if isManaged, let clusterName = target.clusterName, let groupName = group.name?.value {
                managedByName[clusterName + "\u{0}" + groupName] = targets.count
            }
            // A loader may describe one self-managed group both as a node group and as its ASG.
            if !isManaged,
                let asg = index.autoScalingGroup(keyOrName: group.key)
                    ?? group.name?.value.flatMap(index.autoScalingGroup(keyOrName:))
            {
                targetByASGKey[asg.key] = targets.count
            }
            targets.append(target)
        }
    }

    /// Template SGs only when the template sets them; else the cluster SG; unknown when the template is.
    private func applyManagedTemplate(_ ref: ObjectRef?, cluster: EKSCluster?, to target: inout NodeTarget) {
        guard let ref else {
            addClusterSecurityGroup(of: cluster, to: &target)
            return
        }
        guard let template = index.launchTemplate(for: ref) else {
            target.membershipUnknown = "\(Self.missing(ref)), so whether it replaces the cluster security group is unknown"
            if let key = cluster.flatMap(index.clusterSecurityGroupKey(of:)) { target.addPossibleSecurityGroup(key) }
            return
        }
        switch template.setsSecurityGroups {
        case .known(true):
            addReferences(template.securityGroups, to: &target, what: "a security group of launch template '\(template.key)'")
        case .known(false):
            addClusterSecurityGroup(of: cluster, to: &target)
        case .unknown(let reason):
            target.membershipUnknown = "whether launch template '\(template.key)' sets security groups is unknown: \(reason)"
            for key in template.securityGroups.compactMap(index.securityGroupKey(for:)) { target.addPossibleSecurityGroup(key) }
            if let key = cluster.flatMap(index.clusterSecurityGroupKey(of:)) { target.addPossibleSecurityGroup(key) }
        }
    }

    /// Self-managed nodes get exactly what their launch template sets.
    private func applySelfManagedTemplate(_ ref: ObjectRef?, to target: inout NodeTarget) {
        guard let ref else {
            target.membershipUnknown =
                "no launch template: the nodes' security groups come from a launch "
                + "configuration or the instances, which the snapshot does not describe"
            return
        }
        guard let template = index.launchTemplate(for: ref) else {
            target.membershipUnknown = Self.missing(ref)
            return
        }
        switch template.setsSecurityGroups {
        case .known(true):
            addReferences(template.securityGroups, to: &target, what: "a security group of launch template '\(template.key)'")
        case .known(false):
            target.addUnresolved(
                ref,
                "launch template '\(template.key)' sets no security groups, so instances get "
                    + "their VPC's default security group")
        case .unknown(let reason):
            target.membershipUnknown = "whether launch template '\(template.key)' sets security groups is unknown: \(reason)"
            for key in template.securityGroups.compactMap(index.securityGroupKey(for:)) { target.addPossibleSecurityGroup(key) }
        }
    }

    private func addClusterSecurityGroup(of cluster: EKSCluster?, to target: inout NodeTarget) {
        guard let cluster else { return } // already recorded as an unresolved cluster
        if let key = index.clusterSecurityGroupKey(of: cluster) {
            target.addSecurityGroup(key)
        } else {
            target.addUnresolved(cluster.clusterSecurityGroup, "the cluster security group of '\(cluster.key)' is unknown")
        }
    }

    private func addReferences(_ refs: [ObjectRef], to target: inout NodeTarget, what: String) {
        for ref in refs {
            if let key = index.securityGroupKey(for: ref) {
                target.addSecurityGroup(key)
            } else {
                target.addUnresolved(ref, "\(what) is unknown")
            }
        }
    }

    // MARK: Auto scaling groups

    mutating func addAutoScalingGroups() {
        for group in index.snapshot.autoScalingGroups where targetByASGKey[group.key] == nil {
            guard let clusterName = Self.clusterName(fromTags: group.tags) else { continue }
            // The ASG EKS made for a managed node group stands for that node group.
            if let nodeGroupName = group.tags["eks:nodegroup-name"],
                let position = managedByName[clusterName + "\u{0}" + nodeGroupName]
            {
                targetByASGKey[group.key] = position
                continue
            }
            var target = NodeTarget(
                kind: .autoScalingGroup, key: group.key, name: group.name?.value ?? group.key,
                provenance: group.provenance, clusterKey: index.cluster(keyOrName: clusterName)?.key,
                clusterName: clusterName)
            applySelfManagedTemplate(group.launchTemplate, to: &target)
            targetByASGKey[group.key] = targets.count
            targets.append(target)
        }
        for group in index.snapshot.autoScalingGroups {
            guard let position = targetByASGKey[group.key] else { continue }
            for ref in group.instances {
                if let instance = index.instance(for: ref), targetByInstanceKey[instance.key] == nil {
                    targetByInstanceKey[instance.key] = position
                }
            }
        }
    }

    /// `eks:cluster-name`, else the first `kubernetes.io/cluster/NAME` tag valued owned or shared.
    static func clusterName(fromTags tags: [String: String]) -> String? {
        if let name = tags["eks:cluster-name"], !name.isEmpty { return name }
        let prefix = "kubernetes.io/cluster/"
        return tags.compactMap { key, value -> String? in
            let ownership = value.lowercased()
            guard key.hasPrefix(prefix), ownership == "owned" || ownership == "shared" else { return nil }
            let name = String(key.dropFirst(prefix.count))
            return name.isEmpty ? nil : name
        }.min()
    }

    // MARK: Live instances

    mutating func addLiveInstances() {
        let snapshot = index.snapshot
        var interfacesByInstance: [String: [Int]] = [:]
        for (position, interface) in snapshot.networkInterfaces.enumerated() {
            if let ref = interface.instance, let instance = index.instance(for: ref) {
                interfacesByInstance[instance.key, default: []].append(position)
            }
        }
        for instance in snapshot.instances {
            var refs = instance.securityGroups
            for position in interfacesByInstance[instance.key] ?? [] {
                refs += snapshot.networkInterfaces[position].securityGroups
            }
            guard let position = owner(of: instance) ?? taggedTarget(for: instance, refs: refs) else { continue }
            addReferences(refs, to: &targets[position], what: "a security group of instance '\(instance.key)'")
            targets[position].instanceKeys.append(instance.key)
        }
    }

    private func owner(of instance: Instance) -> Int? {
        if let position = targetByInstanceKey[instance.key] { return position }
        if let groupName = instance.tags["aws:autoscaling:groupName"],
            let group = index.autoScalingGroup(keyOrName: groupName),
            let position = targetByASGKey[group.key]
        {
            return position
        }
        if let nodeGroupName = instance.tags["eks:nodegroup-name"],
            let clusterName = Self.clusterName(fromTags: instance.tags)
        {
            return managedByName[clusterName + "\u{0}" + nodeGroupName]
        }
        return nil
    }

    /// One target per cluster and set of groups, so a thousand identical Karpenter nodes are one answer.
    private mutating func taggedTarget(for instance: Instance, refs: [ObjectRef]) -> Int? {
        guard let clusterName = Self.clusterName(fromTags: instance.tags) else { return nil }
        let keys = Set(refs.compactMap(index.securityGroupKey(for:))).sorted()
        let setKey = "instances:\(clusterName):\(keys.joined(separator: ","))"
        if let position = targetByTaggedSet[setKey] { return position }
        let target = NodeTarget(
            kind: .taggedInstances, key: setKey, name: "instances tagged for cluster '\(clusterName)'",
            provenance: instance.provenance, clusterKey: index.cluster(keyOrName: clusterName)?.key,
            clusterName: clusterName)
        targetByTaggedSet[setKey] = targets.count
        targets.append(target)
        return targets.count - 1
    }
}
