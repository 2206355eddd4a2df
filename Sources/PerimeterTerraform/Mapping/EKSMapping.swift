import PerimeterModel

/// `aws_eks_cluster` (and the cluster security group EKS creates for it) and `aws_eks_node_group`.
enum EKSMapping {
    static func mapCluster(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        let key = instance.address
        let vpcConfig = fields.block("vpc_config")
        let provenance = fields.provenance()

        let subnets = vpcConfig?.references("subnet_ids", to: .subnet) ?? []
        var vpc = vpcConfig?.reference("vpc_id", to: .vpc)
        if vpc == nil || vpc?.knownKey == nil, let subnetVPC = Self.vpc(ofFirst: subnets, context) {
            vpc = subnetVPC
        }

        // EKS creates this group with the cluster; rules and node groups refer to it by this key.
        let groupKey = clusterSecurityGroupKey(key)
        context.snapshot.securityGroups.append(
            SecurityGroup(
                key: groupKey, provenance: provenance, id: vpcConfig?.string("cluster_security_group_id")?.value,
                vpc: vpc,
                role: .eksClusterSecurityGroup, ownerCluster: key))
        context.snapshot.securityGroupRules += defaultClusterSecurityGroupRules(group: groupKey, provenance: provenance)

        let name = fields.string("name") ?? .unknown("\(key): name is not set")
        context.snapshot.eksClusters.append(
            EKSCluster(
                key: key, provenance: provenance, name: name, clusterSecurityGroup: .key(groupKey),
                additionalSecurityGroups: vpcConfig?.references("security_group_ids", to: .securityGroup) ?? [],
                subnets: subnets, vpc: vpc,
                // Provider defaults: public endpoint on, private endpoint off.
                endpointPublicAccess: vpcConfig?.bool("endpoint_public_access") ?? .known(true),
                endpointPrivateAccess: vpcConfig?.bool("endpoint_private_access") ?? .known(false),
                publicAccessCidrs: vpcConfig?.strings("public_access_cidrs"),
                authenticationMode: fields.block("access_config")?.string("authentication_mode")))
    }

    /// The rules EKS gives the cluster security group when it creates it: all traffic from the group
    /// itself, and all traffic out. Terraform never shows them, but nodes in that group live with them.
    static func defaultClusterSecurityGroupRules(group: String, provenance: Provenance) -> [SecurityGroupRule] {
        [
            SecurityGroupRule(
                provenance: provenance, group: .key(group), direction: .ingress, ipProtocol: .known(.all),
                ports: .known(.all), endpoints: [.selfGroup],
                description: "created by EKS: all traffic from members of the cluster security group"),
            SecurityGroupRule(
                provenance: provenance, group: .key(group), direction: .egress, ipProtocol: .known(.all),
                ports: .known(.all), endpoints: [.cidr("0.0.0.0/0")],
                description: "created by EKS: all traffic out")
        ]
    }

    /// The VPC of the first subnet, when that subnet is declared in the input.
    private static func vpc(ofFirst subnets: [ObjectRef], _ context: MappingContext) -> ObjectRef? {
        guard case .key(let subnet)? = subnets.first, let instance = context.index.instances[subnet],
            let value = instance.values["vpc_id"]
        else { return nil }
        return context.reference(value, to: .vpc) { _ in }
    }

    static func mapNodeGroup(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        var name = fields.string("node_group_name")
        if name == nil, case .known(let prefix)? = fields.string("node_group_name_prefix") {
            name = .unknown("the name is generated from node_group_name_prefix '\(prefix)'")
        }
        let cluster =
            fields.reference("cluster_name", to: .eksCluster)
            ?? .unknown("\(instance.address): cluster_name is not set")
        context.snapshot.nodeGroups.append(
            NodeGroup(
                key: instance.address, provenance: fields.provenance(), kind: .managed, name: name, cluster: cluster,
                launchTemplate: launchTemplate(fields.block("launch_template")),
                extraSecurityGroups: fields.block("remote_access")?.references("source_security_group_ids", to: .securityGroup) ?? []))
    }

    /// A `launch_template { id | name }` specification, also spelled `launch_template_id` / `_name`.
    static func launchTemplate(_ specification: Fields?) -> ObjectRef? {
        guard let specification else { return nil }
        return specification.reference("id", to: .launchTemplate)
            ?? specification.reference("launch_template_id", to: .launchTemplate)
            ?? specification.reference("name", to: .launchTemplate)
            ?? specification.reference("launch_template_name", to: .launchTemplate)
    }
}
