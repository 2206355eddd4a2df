import Foundation
import PerimeterModel
import PerimeterTerraform
import Testing

/// The source documents' Terraform (000 and 002), as the bundled examples hold it: a local module,
/// `for_each = toset(var.cidrs)`, terraform.tfvars. Exact addresses and resolved rule fields.
@Suite struct SourceDocumentEvaluationTests {
    static let after = TerraformEvaluator.evaluate(directory: examplesDirectory.appendingPathComponent("eks-after").path)
    static let before = TerraformEvaluator.evaluate(directory: examplesDirectory.appendingPathComponent("eks-before").path)

    @Test func evaluatesWithoutErrors() {
        #expect(Self.after.errors.isEmpty, "\(Self.after.errors)")
        #expect(Self.before.errors.isEmpty, "\(Self.before.errors)")
    }

    @Test func addressesAreTerraformsOwn() {
        let managed = Self.after.resources.filter { $0.mode == .managed }.map(\.address)
        #expect(
            managed == [
                "module.vpc.aws_vpc.this",
                "module.vpc.aws_subnet.private[\"ap-northeast-2a\"]",
                "module.vpc.aws_subnet.private[\"ap-northeast-2c\"]",
                "module.vpc.aws_route_table.private",
                "module.vpc.aws_route_table_association.private[\"ap-northeast-2a\"]",
                "module.vpc.aws_route_table_association.private[\"ap-northeast-2c\"]",
                "module.eks.aws_iam_role.cluster",
                "module.eks.aws_iam_role.node",
                "module.eks.aws_eks_cluster.this",
                "module.eks.aws_security_group.node",
                "module.eks.aws_security_group_rule.node_kubelet_https_from_cluster",
                "module.eks.aws_security_group_rule.cluster_kubelet_https_to_nodes",
                "module.eks.aws_security_group_rule.cluster_private_endpoint_from_nodes",
                "module.eks.aws_security_group_rule.cluster_private_endpoint_ingress[\"172.31.0.0/16\"]",
                "module.eks.aws_security_group_rule.node_inter_node",
                "module.eks.aws_security_group_rule.node_egress",
                "module.eks.aws_launch_template.node_group",
                "module.eks.aws_eks_node_group.this",
                "module.vpn_peering.aws_vpc_peering_connection.this",
                "module.vpn_peering.aws_vpc_peering_connection_options.this",
                "module.vpn_peering.aws_route.requester_to_accepter[0]",
                "module.vpn_peering.aws_route.accepter_to_requester[*]"
            ])
    }

    @Test func forEachRuleFromTfvarsThroughTheModule() throws {
        let rule = try #require(
            Self.after.resource("module.eks.aws_security_group_rule.cluster_private_endpoint_ingress[\"172.31.0.0/16\"]"))
        #expect(rule["type"] == .string("ingress"))
        #expect(rule["protocol"] == .string("tcp"))
        #expect(rule["from_port"] == .number(443))
        #expect(rule["to_port"] == .number(443))
        #expect(rule["cidr_blocks"] == .list([.string("172.31.0.0/16")]))
        #expect(rule["description"] == .string("Allow private EKS API endpoint access from 172.31.0.0/16"))
        #expect(rule.location?.file.hasSuffix("examples/eks-after/modules/eks/main.tf") == true)
        #expect(rule.locations["cidr_blocks"]?.line == (rule.location?.line ?? 0) + 8)
    }

    @Test func clusterSecurityGroupStaysASymbolicReference() throws {
        let rule = try #require(Self.after.resource("module.eks.aws_security_group_rule.node_kubelet_https_from_cluster"))
        let source = try #require(rule["source_security_group_id"]?.unknown)
        #expect(source.resource == "module.eks.aws_eks_cluster.this")
        #expect(source.attribute == "vpc_config[0].cluster_security_group_id")
        let group = try #require(rule["security_group_id"]?.unknown)
        #expect(group.reference == "module.eks.aws_security_group.node.id")
    }

    @Test func configuredAttributesOfOtherResourcesAreKnown() throws {
        let nodeGroup = try #require(Self.after.resource("module.eks.aws_eks_node_group.this"))
        #expect(nodeGroup["cluster_name"] == .string("eks-secure-infra-dev"))
        #expect(nodeGroup["node_group_name"] == .string("eks-secure-infra-dev-spot"))
        let template = try #require(nodeGroup["launch_template"]?.elements?.first?.fields)
        #expect(template["id"]?.unknown?.reference == "module.eks.aws_launch_template.node_group.id")
        #expect(template["version"]?.unknown?.reference == "module.eks.aws_launch_template.node_group.latest_version")
    }

    @Test func moduleOutputsFlowIntoOtherModules() throws {
        let peering = try #require(Self.after.resource("module.vpn_peering.aws_vpc_peering_connection.this"))
        #expect(peering["vpc_id"]?.unknown?.reference == "module.vpc.aws_vpc.this.id")
        #expect(peering["peer_vpc_id"] == .string("vpc-096c2102f9e82e7e2"))
        let route = try #require(Self.after.resource("module.vpn_peering.aws_route.requester_to_accepter[0]"))
        #expect(route["route_table_id"]?.unknown?.reference == "module.vpc.aws_route_table.private.id")
        #expect(route["destination_cidr_block"] == .string("172.31.0.0/16"))
    }

    @Test func unknownForEachGivesOneStandIn() throws {
        let route = try #require(Self.after.resource("module.vpn_peering.aws_route.accepter_to_requester[*]"))
        #expect(route.representsUnknownInstances)
        #expect(route["destination_cidr_block"] == .string("10.0.0.0/16"))
        #expect(route["route_table_id"]?.isUnknown == true)
        #expect(Self.after.diagnostics.contains { $0.severity == .warning && $0.message.contains("for_each") })
    }

    @Test func policyDocumentsAndJSONEncode() throws {
        let node = try #require(Self.after.resource("module.eks.aws_iam_role.node"))
        #expect(
            node["assume_role_policy"]
                == .string(
                    #"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"}}],"Version":"2012-10-17"}"#
                ))
        let cluster = try #require(Self.after.resource("module.eks.aws_iam_role.cluster"))
        #expect(cluster["assume_role_policy"]?.unknown?.reference == "module.eks.data.aws_iam_policy_document.cluster_assume.json")
    }

    @Test func beforeStateForEachOverTfvarsList() throws {
        let addresses = Self.before.addresses.filter { $0.contains("kubelet_debug") }
        #expect(
            addresses == [
                "module.eks.aws_security_group_rule.kubelet_debug[\"10.0.0.0/16\"]",
                "module.eks.aws_security_group_rule.kubelet_debug[\"172.31.0.0/16\"]"
            ])
        let readOnly = try #require(Self.before.resource("module.eks.aws_security_group_rule.kubelet_read_only"))
        // aws_vpc.this.cidr_block is configured (var.cidr), so it is known through two modules.
        #expect(readOnly["cidr_blocks"] == .list([.string("10.0.0.0/16")]))
    }
}
