import PerimeterModel

/// Turns evaluated Terraform resources (from HCL or from a plan) into the snapshot every check reads.
/// Each model object keeps its Terraform address and the most specific location known for it.
public enum SnapshotMapper {
    /// Maps evaluated resources (managed and data) into a snapshot. Diagnostics for values of the wrong type, never a crash.
    public static func map(_ resources: [ResourceInstance], origin: Provenance.Origin) -> (snapshot: Snapshot, diagnostics: [Diagnostic]) {
        let context = MappingContext(resources: resources, origin: origin)
        // Objects first; then the resources that amend an object declared elsewhere
        // (peering options, separate ACL rules, route table associations, prefix list entries).
        for instance in resources where instance.mode == .managed {
            mapObject(instance, context)
        }
        // Accepters first: they may stand for a peering that options resources then amend.
        let managed = resources.filter { $0.mode == .managed }
        for instance in managed where instance.type == "aws_vpc_peering_connection_accepter" {
            PeeringMapping.amendAccepter(instance, context)
        }
        for instance in managed where instance.type != "aws_vpc_peering_connection_accepter" {
            amend(instance, context)
        }
        RepeatedRules.remove(from: &context.snapshot)
        return (context.snapshot, context.diagnostics)
    }

    private static func mapObject(_ instance: ResourceInstance, _ context: MappingContext) {
        switch instance.type {
        case "aws_security_group", "aws_default_security_group": SecurityGroupMapping.mapGroup(instance, context)
        case "aws_security_group_rule": SecurityGroupMapping.mapRule(instance, context)
        case "aws_vpc_security_group_ingress_rule": SecurityGroupMapping.mapVPCRule(instance, direction: .ingress, context)
        case "aws_vpc_security_group_egress_rule": SecurityGroupMapping.mapVPCRule(instance, direction: .egress, context)
        case "aws_ec2_managed_prefix_list": SecurityGroupMapping.mapPrefixList(instance, context)
        case "aws_eks_cluster": EKSMapping.mapCluster(instance, context)
        case "aws_eks_node_group": EKSMapping.mapNodeGroup(instance, context)
        case "aws_eks_access_entry": EKSAccessMapping.mapAccessEntry(instance, context)
        case "aws_eks_access_policy_association": EKSAccessMapping.mapPolicyAssociation(instance, context)
        case "kubernetes_config_map", "kubernetes_config_map_v1", "kubernetes_config_map_v1_data":
            EKSAccessMapping.mapConfigMap(instance, context)
        case "aws_launch_template": ComputeMapping.mapLaunchTemplate(instance, context)
        case "aws_autoscaling_group": ComputeMapping.mapAutoScalingGroup(instance, context)
        case "aws_instance": ComputeMapping.mapInstance(instance, context)
        case "aws_vpc", "aws_default_vpc": VPCMapping.mapVPC(instance, context)
        case "aws_subnet", "aws_default_subnet": VPCMapping.mapSubnet(instance, context)
        case "aws_route_table", "aws_default_route_table": VPCMapping.mapRouteTable(instance, context)
        case "aws_route": VPCMapping.mapRoute(instance, context)
        case "aws_vpc_peering_connection": PeeringMapping.mapPeering(instance, context)
        case "aws_network_acl", "aws_default_network_acl": NetworkACLMapping.mapACL(instance, context)
        case "aws_iam_role": IAMMapping.mapRole(instance, context)
        case "aws_iam_openid_connect_provider": IAMMapping.mapOIDCProvider(instance, context)
        case "google_container_cluster": GKEMapping.mapCluster(instance, context)
        case "google_container_node_pool": GKEMapping.mapNodePool(instance, context)
        case "google_compute_firewall": GCPFirewallMapping.mapFirewall(instance, context)
        case _ where KubernetesRBACMapping.types.contains(instance.type): KubernetesRBACMapping.map(instance, context)
        default: break
        }
    }

    private static func amend(_ instance: ResourceInstance, _ context: MappingContext) {
        switch instance.type {
        case "aws_vpc_peering_connection_options": PeeringMapping.amendOptions(instance, context)
        case "aws_network_acl_rule": NetworkACLMapping.amendRule(instance, context)
        case "aws_route_table_association": VPCMapping.amendRouteTableAssociation(instance, context)
        case "aws_ec2_managed_prefix_list_entry": SecurityGroupMapping.amendPrefixList(instance, context)
        default: break
        }
    }
}
