import Foundation
import PerimeterModel
import Testing

@testable import PerimeterTerraform

/// The scenario of source documents 000 and 002 as a plan: a dedicated node security group with
/// 10250 only from the EKS cluster security group, a private-only endpoint reached from a VPN VPC
/// through peering (routes both ways, DNS options, a 443 rule keyed by the VPN CIDR) and a VPN
/// router instance whose source/dest check is switched off. Hand-written in the exact shape of
/// `terraform show -json` (the AWS provider cannot be downloaded here).
@Suite struct EKSPlanTests {
    let plan = PlanFixtures.read("eks_private_endpoint.plan.json")
    var mapped: (snapshot: Snapshot, diagnostics: [Diagnostic]) { SnapshotMapper.map(plan.resources, origin: .plan) }

    static let cluster = "module.eks.aws_eks_cluster.this"
    static let clusterGroup = "module.eks.aws_eks_cluster.this.vpc_config[0].cluster_security_group_id"
    static let nodeGroup = "module.eks.aws_security_group.node"

    @Test func readsWithoutDiagnostics() {
        #expect(plan.diagnostics.isEmpty)
        #expect(mapped.diagnostics.isEmpty)
        #expect(plan.resources.count == 24)
    }

    @Test func forEachInstanceKeyedByCIDR() throws {
        let address = "module.eks.aws_security_group_rule.cluster_private_endpoint_ingress[\"172.31.0.0/16\"]"
        let instance = try #require(plan.resources[address: address])
        #expect(instance.key == .string("172.31.0.0/16"))
        #expect(instance.values["security_group_id"] == .unknown(.attribute("vpc_config[0].cluster_security_group_id", of: Self.cluster)))
        let rule = try #require(mapped.snapshot.securityGroupRules.first { $0.provenance.resource == address })
        #expect(rule.group == .key(Self.clusterGroup))
        #expect(rule.direction == .ingress)
        #expect(rule.ipProtocol == .known(.tcp))
        #expect(rule.ports == .known(PortRange(from: 443, to: 443)))
        #expect(rule.endpoints == [.cidr("172.31.0.0/16")])
        #expect(rule.provenance.origin == .plan)
        #expect(rule.provenance.location == nil)
    }

    @Test func kubeletRuleComesOnlyFromTheClusterSecurityGroup() throws {
        let rule = try #require(
            mapped.snapshot.securityGroupRules.first {
                $0.provenance.resource == "module.eks.aws_security_group_rule.node_kubelet_https_from_cluster"
            })
        #expect(rule.group == .key(Self.nodeGroup))
        #expect(rule.endpoints == [.securityGroup(.key(Self.clusterGroup))])
        #expect(rule.ports == .known(PortRange(from: 10250, to: 10250)))
    }

    @Test func selfAndAllProtocolRules() throws {
        let rules = mapped.snapshot.securityGroupRules
        let interNode = try #require(rules.first { $0.provenance.resource == "module.eks.aws_security_group_rule.node_inter_node" })
        #expect(interNode.ipProtocol == .known(.all))
        #expect(interNode.ports == .known(.all))
        #expect(interNode.endpoints == [.selfGroup])
        let egress = try #require(rules.first { $0.provenance.resource == "module.eks.aws_security_group_rule.node_egress" })
        #expect(egress.direction == .egress)
        #expect(egress.endpoints == [.cidr("0.0.0.0/0")])
        let toNodes = try #require(
            rules.first { $0.provenance.resource == "module.eks.aws_security_group_rule.cluster_kubelet_https_to_nodes" })
        #expect(toNodes.group == .key(Self.clusterGroup))
        #expect(toNodes.endpoints == [.securityGroup(.key(Self.nodeGroup))])
    }

    @Test func clusterWithEndpointFlagsAndItsSecurityGroup() throws {
        let cluster = try #require(mapped.snapshot.eksClusters.first)
        #expect(cluster.key == Self.cluster)
        #expect(cluster.name == .known("eks-secure-infra-dev"))
        #expect(cluster.endpointPublicAccess == .known(false))
        #expect(cluster.endpointPrivateAccess == .known(true))
        // Computed by the provider, not written: the AWS default applies.
        #expect(cluster.publicAccessCidrs == nil)
        #expect(cluster.additionalSecurityGroups.isEmpty)
        #expect(cluster.authenticationMode == .known("API_AND_CONFIG_MAP"))
        #expect(cluster.clusterSecurityGroup == .key(Self.clusterGroup))
        #expect(cluster.subnets == [.key("module.vpc.aws_subnet.private[0]"), .key("module.vpc.aws_subnet.private[1]")])
        #expect(cluster.vpc == .key("module.vpc.aws_vpc.this"))
        let group = try #require(mapped.snapshot.securityGroups.first { $0.key == Self.clusterGroup })
        #expect(group.role == .eksClusterSecurityGroup)
        #expect(group.ownerCluster == Self.cluster)
    }

    @Test func nodeGroupUsesTheLaunchTemplateWithIMDSv2() throws {
        let nodeGroup = try #require(mapped.snapshot.nodeGroups.first)
        #expect(nodeGroup.key == "module.eks.aws_eks_node_group.this")
        // cluster_name is known in the plan; it names the cluster declared in the same plan.
        #expect(nodeGroup.cluster == .key(Self.cluster))
        #expect(nodeGroup.launchTemplate == .key("module.eks.aws_launch_template.node_group"))
        let template = try #require(mapped.snapshot.launchTemplates.first)
        #expect(template.securityGroups == [.key(Self.nodeGroup)])
        #expect(template.setsSecurityGroups == .known(true))
        #expect(
            template.metadataOptions
                == MetadataOptions(
                    httpTokens: .known("required"), httpEndpoint: .known("enabled"),
                    hopLimit: .known(2)))
        #expect(template.name == .unknown("the name is generated from name_prefix 'eks-secure-infra-dev-spot-'"))
    }

    @Test func nodeSecurityGroupKnowsItsVPCFromTheExistingVPC() throws {
        let group = try #require(mapped.snapshot.securityGroups.first { $0.key == Self.nodeGroup })
        #expect(group.vpc == .key("module.vpc.aws_vpc.this"))
        #expect(group.id == nil)
        // Computed inline rule lists are not rules.
        #expect(!mapped.snapshot.securityGroupRules.contains { $0.provenance.resource == Self.nodeGroup })
    }

    @Test func peeringWithDNSOptionsAndRoutesBothWays() throws {
        let peering = try #require(mapped.snapshot.peeringConnections.first)
        #expect(peering.key == "module.vpn_peering.aws_vpc_peering_connection.this")
        #expect(peering.requesterVPC == .key("module.vpc.aws_vpc.this"))
        #expect(peering.accepterVPC == .external("vpc-096c2102f9e82e7e2"))
        #expect(peering.requesterAllowsRemoteDNS == .known(true))
        #expect(peering.accepterAllowsRemoteDNS == .known(true))
        #expect(mapped.snapshot.peeringConnections.count == 1)

        let routes = mapped.snapshot.routes.sorted { $0.provenance.resource < $1.provenance.resource }
        #expect(
            routes.map(\.provenance.resource) == [
                "module.vpn_peering.aws_route.accepter_to_requester[\"rtb-07c1d2e3f4a5b6001\"]",
                "module.vpn_peering.aws_route.requester_to_accepter[\"rtb-0e1f2a3b4c5d60001\"]"
            ])
        #expect(routes.map(\.destination) == [.known("10.0.0.0/16"), .known("172.31.0.0/16")])
        #expect(routes.allSatisfy { $0.target == .peeringConnection(.key(peering.key)) })
        // The EKS side's table is in the plan; the VPN side's is known only by ID.
        #expect(routes.map(\.routeTable) == [.external("rtb-07c1d2e3f4a5b6001"), .key("module.vpc.aws_route_table.private")])
    }

    @Test func vpnRouterTurnsSourceDestCheckOff() throws {
        let router = try #require(mapped.snapshot.instances.first)
        #expect(router.key == "aws_instance.vpn_router")
        #expect(router.id == "i-01a913dba273e1dd4")
        #expect(router.sourceDestCheck == .known(false))
        #expect(router.privateIP == "172.31.9.218")
        #expect(router.publicIP == "13.125.215.119")
        #expect(router.securityGroups == [.external("sg-0a9b8c7d6e5f40321")])
        #expect(router.metadataOptions?.httpTokens == .known("optional"))
    }

    @Test func vpcDNSSettings() throws {
        let vpc = try #require(mapped.snapshot.vpcs.first)
        #expect(vpc.key == "module.vpc.aws_vpc.this")
        #expect(vpc.id == "vpc-0e5a1f0c2d3b4a596")
        #expect(vpc.cidrBlocks == .known(["10.0.0.0/16"]))
        #expect(vpc.enableDnsSupport == .known(true))
        #expect(vpc.enableDnsHostnames == .known(true))
    }

    @Test func trustPolicies() throws {
        let roles = mapped.snapshot.iamRoles
        let cluster = try #require(roles.first { $0.key == "module.eks.aws_iam_role.cluster" })
        #expect(cluster.assumeRolePolicy.value?.contains("eks.amazonaws.com") == true)
        // The aws-node trust document is read at apply (the OIDC provider is new): its principal is not known.
        let awsNode = try #require(plan.resources[address: "module.eks.aws_iam_role.aws_node"])
        #expect(
            awsNode.values["assume_role_policy"]
                == .unknown(.attribute("json", of: "module.eks.data.aws_iam_policy_document.aws_node_trust")))
        let role = try #require(roles.first { $0.key == "module.eks.aws_iam_role.aws_node" })
        guard case .unknown(let reason) = role.assumeRolePolicy else {
            Issue.record("expected an unknown trust policy")
            return
        }
        #expect(reason.contains("module.eks.aws_iam_openid_connect_provider.this.arn"))
        let provider = try #require(mapped.snapshot.oidcProviders.first)
        #expect(provider.clientIDs == .known(["sts.amazonaws.com"]))
        #expect(provider.url == .unknown("module.eks.aws_eks_cluster.this.identity[0].oidc[0].issuer is known only after apply"))
    }
}
