import PerimeterModel
import Testing

@testable import PerimeterTerraform

/// A plan of infrastructure that exists already shows inline rules as AWS has them, repeating the
/// separate rule resources; each rule must still be reported once.
@Suite struct RepeatedRulesTests {
    typealias B = Build

    @Test func inlineCopiesOfSeparateRulesAreRemovedAndManualOnesStay() {
        let group = B.resource(
            "aws_security_group", "node",
            [
                "id": .string("sg-0node"),
                "ingress": .list([
                    .object([
                        "protocol": .string("tcp"), "from_port": .number(10250), "to_port": .number(10250),
                        "cidr_blocks": B.strings("203.0.113.7/32"), "security_groups": B.strings("sg-0cluster"), "self": .bool(false)
                    ]),
                    .object([
                        "protocol": .string("-1"), "from_port": .number(0), "to_port": .number(0), "self": .bool(true),
                        "cidr_blocks": .list([]), "security_groups": .list([])
                    ])
                ]),
                "egress": .list([])
            ])
        let cluster = B.resource(
            "aws_eks_cluster", "this",
            [
                "name": .string("dev"), "vpc_config": B.block(["cluster_security_group_id": .string("sg-0cluster")])
            ])
        let kubelet = B.resource(
            "aws_security_group_rule", "kubelet",
            [
                "type": .string("ingress"), "protocol": .string("tcp"), "from_port": .number(10250), "to_port": .number(10250),
                "security_group_id": .string("sg-0node"), "source_security_group_id": .string("sg-0cluster")
            ])
        let interNode = B.resource(
            "aws_security_group_rule", "inter_node",
            [
                "type": .string("ingress"), "protocol": .string("-1"), "from_port": .number(0), "to_port": .number(0),
                "security_group_id": .string("sg-0node"), "self": .bool(true)
            ])
        let allRules = B.map(group, cluster, kubelet, interNode, origin: .plan).snapshot.securityGroupRules
        // The two rules EKS creates on the cluster security group are modelled too.
        #expect(allRules.filter { $0.provenance.resource == "aws_eks_cluster.this" }.count == 2)
        let rules = allRules.filter { $0.provenance.resource != "aws_eks_cluster.this" }
        #expect(rules.count == 3)
        let inline = rules.filter { $0.provenance.resource == "aws_security_group.node" }
        // Only the address added by hand is left on the group.
        #expect(inline.map(\.endpoints) == [[.cidr("203.0.113.7/32")]])
        #expect(
            rules.contains {
                $0.provenance.resource == "aws_security_group_rule.kubelet"
                    && $0.endpoints == [.securityGroup(.key("aws_eks_cluster.this.vpc_config[0].cluster_security_group_id"))]
            })
    }

    @Test func inlineRulesWithoutSeparateOnesStay() {
        let group = B.resource(
            "aws_security_group", "g",
            [
                "ingress": B.block([
                    "protocol": .string("tcp"), "from_port": .number(22), "to_port": .number(22),
                    "cidr_blocks": B.strings("0.0.0.0/0")
                ])
            ])
        #expect(B.map(group).snapshot.securityGroupRules.count == 1)
    }

    @Test func inlineCopiesOfSeparateRoutesAreRemoved() {
        let peering = B.resource(
            "aws_vpc_peering_connection", "vpn",
            [
                "id": .string("pcx-0abc"), "vpc_id": .string("vpc-1"),
                "peer_vpc_id": .string("vpc-2")
            ])
        let table = B.resource(
            "aws_route_table", "private",
            [
                "id": .string("rtb-0priv"), "vpc_id": .string("vpc-1"),
                "route": .list([
                    .object([
                        "cidr_block": .string("172.31.0.0/16"), "vpc_peering_connection_id": .string("pcx-0abc"), "gateway_id": .string("")
                    ]),
                    .object(["cidr_block": .string("0.0.0.0/0"), "nat_gateway_id": .string("nat-0abc")])
                ])
            ])
        let route = B.resource(
            "aws_route", "to_vpn",
            [
                "route_table_id": .string("rtb-0priv"), "destination_cidr_block": .string("172.31.0.0/16"),
                "vpc_peering_connection_id": B.ref("aws_vpc_peering_connection.vpn")
            ])
        let routes = B.map(peering, table, route, origin: .plan).snapshot.routes
        #expect(routes.count == 2)
        #expect(routes.map(\.provenance.resource).sorted() == ["aws_route.to_vpn", "aws_route_table.private"])
        #expect(routes.first { $0.provenance.resource == "aws_route_table.private" }?.destination == .known("0.0.0.0/0"))
    }

    @Test func inlineCopiesOfSeparateACLRulesAreReplaced() throws {
        let acl = B.resource(
            "aws_network_acl", "a",
            [
                "id": .string("acl-0abc"),
                "ingress": .list([
                    .object([
                        "rule_no": .number(100), "action": .string("allow"), "protocol": .string("tcp"), "from_port": .number(443),
                        "to_port": .number(443), "cidr_block": .string("10.0.0.0/8")
                    ]),
                    .object([
                        "rule_no": .number(200), "action": .string("allow"), "protocol": .string("-1"), "from_port": .number(0),
                        "to_port": .number(0), "cidr_block": .string("0.0.0.0/0")
                    ])
                ])
            ])
        let rule = B.resource(
            "aws_network_acl_rule", "https",
            [
                "network_acl_id": .string("acl-0abc"), "rule_number": .number(100), "protocol": .string("tcp"),
                "rule_action": .string("allow"),
                "from_port": .number(443), "to_port": .number(443), "cidr_block": .string("10.0.0.0/8")
            ])
        let mapped = try #require(B.map(acl, rule, origin: .plan).snapshot.networkACLs.first)
        #expect(mapped.entries.map(\.provenance.resource) == ["aws_network_acl.a", "aws_network_acl_rule.https"])
        #expect(mapped.entries.map(\.ruleNumber) == [.known(200), .known(100)])
    }
}
