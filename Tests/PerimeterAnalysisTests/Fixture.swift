import PerimeterModel

/// Small builders for hand-made snapshots; every object gets a Terraform address and a line.
enum Fixture {
    static func provenance(
        _ resource: String, line: Int = 1, file: String = "main.tf",
        origin: Provenance.Origin = .terraform
    ) -> Provenance {
        Provenance(resource: resource, location: PerimeterModel.SourceLocation(file: file, line: line), origin: origin)
    }

    static func group(
        _ key: String, id: String? = nil, role: SecurityGroup.Role = .ordinary,
        owner: String? = nil
    ) -> SecurityGroup {
        SecurityGroup(key: key, provenance: provenance(key), id: id, role: role, ownerCluster: owner)
    }

    static func rule(
        _ resource: String, line: Int = 1, group: ObjectRef, _ direction: TrafficDirection = .ingress,
        protocol ipProtocol: Resolved<IPProtocol> = .known(.tcp),
        ports: Resolved<PortRange>, from endpoints: [RuleEndpoint]
    ) -> SecurityGroupRule {
        SecurityGroupRule(
            provenance: provenance(resource, line: line), group: group, direction: direction,
            ipProtocol: ipProtocol, ports: ports, endpoints: endpoints)
    }

    /// A TCP ingress rule on one port or a range.
    static func tcp(
        _ resource: String, line: Int = 1, on group: String, _ from: Int, _ to: Int? = nil,
        _ endpoints: RuleEndpoint...
    ) -> SecurityGroupRule {
        rule(
            resource, line: line, group: .key(group), ports: .known(PortRange(from: from, to: to ?? from)),
            from: endpoints)
    }

    static func cluster(
        _ key: String, name: String, clusterSG: ObjectRef,
        additional: [ObjectRef] = []
    ) -> EKSCluster {
        EKSCluster(
            key: key, provenance: provenance(key), name: .known(name), clusterSecurityGroup: clusterSG,
            additionalSecurityGroups: additional, endpointPublicAccess: .known(false),
            endpointPrivateAccess: .known(true))
    }

    static func managedNodeGroup(
        _ key: String, name: String? = nil, cluster: ObjectRef,
        template: ObjectRef? = nil, extra: [ObjectRef] = []
    ) -> NodeGroup {
        NodeGroup(
            key: key, provenance: provenance(key), kind: .managed, name: name.map(Resolved.known),
            cluster: cluster, launchTemplate: template, extraSecurityGroups: extra)
    }

    static func template(_ key: String, sets: Resolved<Bool>, groups: [ObjectRef] = []) -> LaunchTemplate {
        LaunchTemplate(key: key, provenance: provenance(key), securityGroups: groups, setsSecurityGroups: sets)
    }

    /// A cluster `prod` whose EKS-created group is `aws_eks_cluster.this:cluster_sg`, and a node SG.
    static func baseSnapshot() -> Snapshot {
        var snapshot = Snapshot()
        snapshot.securityGroups = [
            group(
                "aws_eks_cluster.this:cluster_sg", id: "sg-0cluster", role: .eksClusterSecurityGroup,
                owner: "aws_eks_cluster.this"),
            group("aws_security_group.node", id: "sg-0node"),
            group("aws_security_group.extra", id: "sg-0extra")
        ]
        snapshot.eksClusters = [
            cluster(
                "aws_eks_cluster.this", name: "prod", clusterSG: .key("aws_eks_cluster.this:cluster_sg"),
                additional: [.key("aws_security_group.extra")])
        ]
        return snapshot
    }
}
