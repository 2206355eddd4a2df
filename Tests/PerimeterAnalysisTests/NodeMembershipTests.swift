import PerimeterAnalysis
import PerimeterModel
import Testing

@Suite struct NodeMembershipTests {
    static let clusterSG = "aws_eks_cluster.this:cluster_sg"

    static func onlyTarget(_ snapshot: Snapshot) throws -> NodeTarget {
        let targets = NodeMembership(snapshot: snapshot).allNodeTargets
        #expect(targets.count == 1)
        return try #require(targets.first)
    }

    @Test func managedWithoutLaunchTemplateGetsClusterSG() throws {
        var snapshot = Fixture.baseSnapshot()
        snapshot.nodeGroups = [
            Fixture.managedNodeGroup(
                "aws_eks_node_group.default", name: "default",
                cluster: .key("aws_eks_cluster.this"))
        ]
        let target = try Self.onlyTarget(snapshot)
        #expect(target.kind == .managedNodeGroup)
        #expect(target.name == "default")
        #expect(target.clusterKey == "aws_eks_cluster.this")
        #expect(target.securityGroupKeys == [Self.clusterSG])
        #expect(target.isMembershipKnown)
        #expect(target.provenance.resource == "aws_eks_node_group.default")
    }

    @Test func launchTemplateSecurityGroupsReplaceClusterSG() throws {
        var snapshot = Fixture.baseSnapshot()
        // The template names the node group by its cloud ID: it must resolve to the described group's key.
        snapshot.launchTemplates = [
            Fixture.template(
                "aws_launch_template.node", sets: .known(true),
                groups: [.external("sg-0node")])
        ]
        snapshot.nodeGroups = [
            Fixture.managedNodeGroup(
                "aws_eks_node_group.default", cluster: .key("aws_eks_cluster.this"),
                template: .key("aws_launch_template.node"))
        ]
        let target = try Self.onlyTarget(snapshot)
        #expect(target.securityGroupKeys == ["aws_security_group.node"])
        #expect(!target.carries(Self.clusterSG))

        let membership = NodeMembership(snapshot: snapshot)
        #expect(membership.isNodeGroup("aws_security_group.node"))
        #expect(membership.isNodeGroup("sg-0node"))
        #expect(!membership.isNodeGroup(Self.clusterSG))
        #expect(membership.nodeTargets(carrying: "sg-0node").map(\.key) == ["aws_eks_node_group.default"])
    }

    @Test func launchTemplateWithoutSecurityGroupsKeepsClusterSG() throws {
        var snapshot = Fixture.baseSnapshot()
        snapshot.launchTemplates = [Fixture.template("aws_launch_template.imds", sets: .known(false))]
        snapshot.nodeGroups = [
            Fixture.managedNodeGroup(
                "aws_eks_node_group.default", cluster: .key("aws_eks_cluster.this"),
                template: .key("aws_launch_template.imds"),
                extra: [.key("aws_security_group.extra")])
        ]
        let target = try Self.onlyTarget(snapshot)
        #expect(target.securityGroupKeys == [Self.clusterSG, "aws_security_group.extra"])
    }

    @Test func unknownTemplateSettingMakesMembershipUnknown() throws {
        var snapshot = Fixture.baseSnapshot()
        snapshot.launchTemplates = [
            Fixture.template(
                "aws_launch_template.node", sets: .unknown("var.node_security_group_ids has no value"),
                groups: [.key("aws_security_group.node")])
        ]
        snapshot.nodeGroups = [
            Fixture.managedNodeGroup(
                "aws_eks_node_group.default", cluster: .key("aws_eks_cluster.this"),
                template: .key("aws_launch_template.node"))
        ]
        let target = try Self.onlyTarget(snapshot)
        #expect(!target.isMembershipKnown)
        #expect(target.membershipUnknown?.contains("var.node_security_group_ids") == true)
        #expect(target.securityGroupKeys.isEmpty)
        #expect(Set(target.possibleSecurityGroupKeys) == ["aws_security_group.node", Self.clusterSG])
    }

    @Test func templateMissingFromSnapshotMakesMembershipUnknown() throws {
        var snapshot = Fixture.baseSnapshot()
        snapshot.nodeGroups = [
            Fixture.managedNodeGroup(
                "ng", cluster: .key("aws_eks_cluster.this"),
                template: .external("lt-0abc"))
        ]
        let target = try Self.onlyTarget(snapshot)
        #expect(target.membershipUnknown?.contains("lt-0abc") == true)
        #expect(target.securityGroupKeys.isEmpty)
    }

    @Test(arguments: [ObjectRef.external("prod"), .key("prod")])
    func clusterMatchedByName(ref: ObjectRef) throws {
        var snapshot = Fixture.baseSnapshot()
        snapshot.nodeGroups = [Fixture.managedNodeGroup("ng", cluster: ref)]
        let target = try Self.onlyTarget(snapshot)
        #expect(target.clusterKey == "aws_eks_cluster.this")
        #expect(target.clusterName == "prod")
        #expect(target.securityGroupKeys == [Self.clusterSG])
        let cluster = try #require(snapshot.eksClusters.first)
        #expect(NodeMembership(snapshot: snapshot).nodeGroups(of: cluster).map(\.key) == ["ng"])
    }

    @Test func unknownClusterAndSecurityGroupsAreRecorded() throws {
        var snapshot = Fixture.baseSnapshot()
        snapshot.launchTemplates = [
            Fixture.template(
                "lt", sets: .known(true),
                groups: [.key("aws_security_group.node"), .unknown("module.x.sg_id")])
        ]
        snapshot.nodeGroups = [Fixture.managedNodeGroup("ng", cluster: .key("staging"), template: .key("lt"))]
        let target = try Self.onlyTarget(snapshot)
        #expect(target.clusterKey == nil)
        #expect(target.securityGroupKeys == ["aws_security_group.node"])
        #expect(target.unresolved.map(\.ref) == [.key("staging"), .unknown("module.x.sg_id")])
    }

    @Test func selfManagedTaggedAutoScalingGroup() throws {
        var snapshot = Fixture.baseSnapshot()
        snapshot.launchTemplates = [
            Fixture.template(
                "aws_launch_template.workers", sets: .known(true),
                groups: [.key("aws_security_group.node")])
        ]
        snapshot.autoScalingGroups = [
            AutoScalingGroup(
                key: "aws_autoscaling_group.workers", provenance: Fixture.provenance("aws_autoscaling_group.workers"),
                name: .known("workers"), launchTemplate: .key("aws_launch_template.workers"),
                tags: ["kubernetes.io/cluster/prod": "owned"]),
            AutoScalingGroup(
                key: "aws_autoscaling_group.bastion", provenance: Fixture.provenance("aws_autoscaling_group.bastion"),
                launchTemplate: .key("aws_launch_template.workers"), tags: ["Name": "bastion"]),
            AutoScalingGroup(
                key: "aws_autoscaling_group.odd", provenance: Fixture.provenance("aws_autoscaling_group.odd"),
                launchTemplate: .key("aws_launch_template.workers"),
                tags: ["kubernetes.io/cluster/prod": "no"])
        ]
        let target = try Self.onlyTarget(snapshot)
        #expect(target.kind == .autoScalingGroup)
        #expect(target.name == "workers")
        #expect(target.clusterKey == "aws_eks_cluster.this")
        #expect(target.securityGroupKeys == ["aws_security_group.node"])
    }

    @Test func liveInstancesAddTheirRealGroups() throws {
        var snapshot = Fixture.baseSnapshot()
        snapshot.securityGroups.append(Fixture.group("sg-0karpenter"))
        snapshot.nodeGroups = [Fixture.managedNodeGroup("prod:default", name: "default", cluster: .external("prod"))]
        snapshot.autoScalingGroups = [
            AutoScalingGroup(
                key: "eks-default-1234", provenance: Fixture.provenance("eks-default-1234", origin: .aws),
                name: .known("eks-default-1234"),
                tags: ["eks:cluster-name": "prod", "eks:nodegroup-name": "default"],
                instances: [.external("i-1")])
        ]
        func instance(_ id: String, _ groups: [ObjectRef], tags: [String: String] = [:]) -> Instance {
            Instance(key: id, provenance: Fixture.provenance(id, origin: .aws), id: id, securityGroups: groups, tags: tags)
        }
        snapshot.instances = [
            instance("i-1", [.external("sg-0cluster")]),
            instance("i-2", [.external("sg-0cluster")], tags: ["eks:cluster-name": "prod", "eks:nodegroup-name": "default"]),
            instance("i-3", [.external("sg-0karpenter")], tags: ["kubernetes.io/cluster/prod": "owned"]),
            instance("i-4", [.external("sg-0karpenter")], tags: ["karpenter.sh/nodepool": "x", "eks:cluster-name": "prod"]),
            instance("i-5", [.external("sg-0extra")])
        ]
        snapshot.networkInterfaces = [
            NetworkInterface(
                key: "eni-1", provenance: Fixture.provenance("eni-1", origin: .aws),
                securityGroups: [.external("sg-0node")], instance: .external("i-1")),
            NetworkInterface(
                key: "eni-cp", provenance: Fixture.provenance("eni-cp", origin: .aws),
                securityGroups: [.external("sg-0node")], interfaceType: "interface",
                description: "Amazon EKS prod")
        ]
        let membership = NodeMembership(snapshot: snapshot)
        #expect(membership.allNodeTargets.count == 2)
        let managed = try #require(membership.allNodeTargets.first)
        #expect(managed.key == "prod:default")
        #expect(managed.instanceKeys == ["i-1", "i-2"])
        #expect(managed.securityGroupKeys == [Self.clusterSG, "aws_security_group.node"])
        let karpenter = try #require(membership.allNodeTargets.last)
        #expect(karpenter.kind == .taggedInstances)
        #expect(karpenter.instanceKeys == ["i-3", "i-4"])
        #expect(karpenter.securityGroupKeys == ["sg-0karpenter"])
        // i-5 has no cluster tag and no node group: it is not a node.
        #expect(!membership.isNodeGroup("sg-0extra"))
        // The control-plane ENI adds its group to the control plane, not to the nodes.
        let cluster = try #require(snapshot.eksClusters.first)
        #expect(
            membership.controlPlaneGroups(of: cluster) == [
                Self.clusterSG, "aws_security_group.extra",
                "aws_security_group.node"
            ])
    }

    @Test func controlPlaneFallsBackToTheOwnedClusterGroup() throws {
        var snapshot = Fixture.baseSnapshot()
        snapshot.eksClusters[0].clusterSecurityGroup = .unknown("known after apply")
        snapshot.eksClusters[0].additionalSecurityGroups = [.external("sg-0extra"), .unknown("var.extra")]
        let membership = NodeMembership(snapshot: snapshot)
        let cluster = try #require(snapshot.eksClusters.first)
        let plane = membership.controlPlane(of: cluster)
        #expect(plane.clusterSecurityGroupKey == Self.clusterSG)
        #expect(plane.securityGroupKeys == [Self.clusterSG, "aws_security_group.extra"])
        #expect(plane.unresolved.map(\.ref) == [.unknown("var.extra")])
        #expect(membership.isControlPlaneGroup("sg-0extra"))
        #expect(!membership.isControlPlaneGroup("aws_security_group.node"))
    }
}
