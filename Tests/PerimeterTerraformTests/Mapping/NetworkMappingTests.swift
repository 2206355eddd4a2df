import PerimeterModel
import Testing

@testable import PerimeterTerraform

@Suite struct NetworkMappingTests {
    typealias B = Build

    @Test func vpcDefaultsAndIPv6() {
        let defaults = B.resource("aws_vpc", "main", ["cidr_block": .string("10.0.0.0/16")])
        let explicit = B.resource(
            "aws_vpc", "vpn",
            [
                "cidr_block": .string("172.31.0.0/16"), "ipv6_cidr_block": .string("2600:1f18:abc::/56"),
                "enable_dns_support": .bool(false), "enable_dns_hostnames": .string("true"), "id": .string("vpc-096c2102f9e82e7e2")
            ])
        let ipam = B.resource("aws_vpc", "ipam", ["ipv4_ipam_pool_id": B.ref("aws_vpc_ipam_pool.main")])
        let vpcs = B.map(defaults, explicit, ipam).snapshot.vpcs
        #expect(vpcs[0].enableDnsSupport == .known(true))
        #expect(vpcs[0].enableDnsHostnames == .known(false))
        #expect(vpcs[0].cidrBlocks == .known(["10.0.0.0/16"]))
        #expect(vpcs[1].ipv6CidrBlocks == ["2600:1f18:abc::/56"])
        #expect(vpcs[1].enableDnsSupport == .known(false))
        #expect(vpcs[1].enableDnsHostnames == .known(true))
        #expect(vpcs[1].id == "vpc-096c2102f9e82e7e2")
        #expect(vpcs[2].cidrBlocks.isKnown == false)
    }

    @Test func routeTableInlineRoutes() {
        let table = B.resource(
            "aws_route_table", "private", line: 20, locations: ["route[0]": 22, "route[1]": 26],
            [
                "vpc_id": B.ref("aws_vpc.main"),
                "route": .list([
                    .object([
                        "cidr_block": .string("172.31.0.0/16"), "vpc_peering_connection_id": B.ref("aws_vpc_peering_connection.vpn"),
                        "gateway_id": .string(""), "nat_gateway_id": .string("")
                    ]),
                    .object(["ipv6_cidr_block": .string("::/0"), "gateway_id": B.ref("aws_internet_gateway.igw")]),
                    .object(["cidr_block": .string("10.8.0.0/16"), "instance_id": B.ref("aws_instance.vpn")]),
                    .object(["cidr_block": .string("0.0.0.0/0"), "nat_gateway_id": .string("nat-0abc")]),
                    .object(["cidr_block": .string("10.0.0.0/16"), "gateway_id": .string("local")]),
                    .object(["cidr_block": .string("192.168.0.0/16"), "gateway_id": .string("vgw-0abc")]),
                    .object(["cidr_block": .string("100.64.0.0/10"), "transit_gateway_id": .string("tgw-0abc")]),
                    .object(["cidr_block": .string("10.9.0.0/16"), "network_interface_id": B.ref("aws_network_interface.router")])
                ])
            ])
        let snapshot = B.map(table).snapshot
        #expect(
            snapshot.routeTables == [
                RouteTable(
                    key: "aws_route_table.private",
                    provenance: Provenance(resource: "aws_route_table.private", location: B.at(20), origin: .terraform),
                    vpc: .key("aws_vpc.main"))
            ])
        let routes = snapshot.routes
        #expect(routes.count == 8)
        #expect(
            routes.allSatisfy { $0.routeTable == .key("aws_route_table.private") && $0.provenance.resource == "aws_route_table.private" })
        #expect(routes[0].provenance.location == B.at(22))
        #expect(routes[1].provenance.location == B.at(26))
        #expect(
            routes.map(\.destination)
                == [
                    "172.31.0.0/16", "::/0", "10.8.0.0/16", "0.0.0.0/0", "10.0.0.0/16", "192.168.0.0/16",
                    "100.64.0.0/10", "10.9.0.0/16"
                ].map(Resolved.known))
        #expect(
            routes.map(\.target) == [
                .peeringConnection(.key("aws_vpc_peering_connection.vpn")), .internetGateway(.key("aws_internet_gateway.igw")),
                .instance(.key("aws_instance.vpn")), .natGateway(.external("nat-0abc")), .local, .other("vgw-0abc"),
                .transitGateway(.external("tgw-0abc")), .networkInterface(.key("aws_network_interface.router"))
            ])
    }

    @Test func separateRoutesAndAssociations() {
        let table = B.resource("aws_route_table", "vpn", ["vpc_id": .string("vpc-096c2102f9e82e7e2"), "id": .string("rtb-0vpn")])
        let route = B.resource(
            "aws_route", "to_eks", key: .string("rtb-0vpn"),
            [
                "route_table_id": .string("rtb-0vpn"), "destination_cidr_block": .string("10.0.0.0/16"),
                "vpc_peering_connection_id": B.ref("aws_vpc_peering_connection_accepter.peer")
            ])
        let unknownTarget = B.resource(
            "aws_route", "other",
            [
                "route_table_id": B.ref("aws_route_table.vpn"),
                "destination_cidr_block": .unknown(Unknown(reason: "var.cidr has no value")),
                "gateway_id": .unknown(Unknown(reason: "local.gateway is not known"))
            ])
        let association = B.resource(
            "aws_route_table_association", "a",
            [
                "route_table_id": B.ref("aws_route_table.vpn"), "subnet_id": B.ref("aws_subnet.vpn")
            ])
        let snapshot = B.map(table, route, unknownTarget, association).snapshot
        #expect(snapshot.routes[0].routeTable == .key("aws_route_table.vpn"))
        #expect(snapshot.routes[0].target == .peeringConnection(.key("aws_vpc_peering_connection_accepter.peer")))
        #expect(snapshot.routes[1].destination == .unknown("var.cidr has no value"))
        #expect(snapshot.routes[1].target == .unknown("local.gateway is not known"))
        #expect(snapshot.routeTables.first?.vpc == .external("vpc-096c2102f9e82e7e2"))
        #expect(snapshot.routeTables.first?.subnets == [.key("aws_subnet.vpn")])
    }

    @Test func peeringOptionsJoinThePeering() throws {
        let peering = B.resource(
            "aws_vpc_peering_connection", "this", module: "module.vpn_peering", line: 1,
            [
                "vpc_id": B.ref("module.vpc.aws_vpc.this"), "peer_vpc_id": .string("vpc-096c2102f9e82e7e2"), "auto_accept": .bool(true)
            ])
        let options = B.resource(
            "aws_vpc_peering_connection_options", "this", module: "module.vpn_peering",
            [
                "vpc_peering_connection_id": B.ref("module.vpn_peering.aws_vpc_peering_connection.this"),
                "requester": B.block(["allow_remote_vpc_dns_resolution": .bool(true)]),
                "accepter": .object(["allow_remote_vpc_dns_resolution": .bool(false)])
            ])
        let snapshot = B.map(options, peering).snapshot
        #expect(
            snapshot.peeringConnections == [
                PeeringConnection(
                    key: "module.vpn_peering.aws_vpc_peering_connection.this",
                    provenance: Provenance(
                        resource: "module.vpn_peering.aws_vpc_peering_connection.this", location: B.at(1), origin: .terraform),
                    requesterVPC: .key("module.vpc.aws_vpc.this"), accepterVPC: .external("vpc-096c2102f9e82e7e2"),
                    requesterAllowsRemoteDNS: .known(true), accepterAllowsRemoteDNS: .known(false))
            ])
    }

    @Test func inlineDNSBlocksAndTheAccepterResource() {
        let peering = B.resource(
            "aws_vpc_peering_connection", "this",
            [
                "vpc_id": B.ref("aws_vpc.a"), "peer_vpc_id": B.ref("aws_vpc.b"),
                "requester": B.block(["allow_remote_vpc_dns_resolution": .bool(true)])
            ])
        let accepter = B.resource(
            "aws_vpc_peering_connection_accepter", "peer",
            [
                "vpc_peering_connection_id": B.ref("aws_vpc_peering_connection.this"),
                "accepter": B.block(["allow_remote_vpc_dns_resolution": .bool(true)])
            ])
        let route = B.resource(
            "aws_route", "back",
            [
                "route_table_id": .string("rtb-1"), "destination_cidr_block": .string("10.0.0.0/16"),
                "vpc_peering_connection_id": B.ref("aws_vpc_peering_connection_accepter.peer")
            ])
        let snapshot = B.map(peering, accepter, route).snapshot
        #expect(snapshot.peeringConnections.count == 1)
        #expect(snapshot.peeringConnections.first?.requesterAllowsRemoteDNS == .known(true))
        #expect(snapshot.peeringConnections.first?.accepterAllowsRemoteDNS == .known(true))
        // The accepter's ID is the peering's: the route goes through the peering declared here.
        #expect(snapshot.routes.first?.target == .peeringConnection(.key("aws_vpc_peering_connection.this")))
    }

    @Test func accepterOfAPeeringFromElsewhereStandsForIt() {
        let accepter = B.resource(
            "aws_vpc_peering_connection_accepter", "peer",
            [
                "vpc_peering_connection_id": .string("pcx-0abc"), "auto_accept": .bool(true),
                "accepter": B.block(["allow_remote_vpc_dns_resolution": .bool(true)]),
                "requester": B.block(["allow_remote_vpc_dns_resolution": .bool(false)])
            ])
        let peering = B.map(accepter).snapshot.peeringConnections.first
        #expect(peering?.key == "aws_vpc_peering_connection_accepter.peer")
        #expect(peering?.id == "pcx-0abc")
        #expect(peering?.accepterAllowsRemoteDNS == .known(true))
        #expect(peering?.requesterAllowsRemoteDNS == .known(false))
        #expect(peering?.requesterVPC.knownKey == nil)
    }

    @Test func networkACLsInlineAndSeparate() throws {
        let acl = B.resource(
            "aws_network_acl", "private", line: 80, locations: ["ingress[0]": 83],
            [
                "vpc_id": B.ref("aws_vpc.main"), "subnet_ids": .list([B.ref("aws_subnet.a")]),
                "ingress": .list([
                    .object([
                        "rule_no": .number(100), "action": .string("allow"), "protocol": .string("tcp"),
                        "from_port": .number(10250), "to_port": .number(10250), "cidr_block": .string("10.0.0.0/8")
                    ])
                ]),
                "egress": .list([
                    .object([
                        "rule_no": .number(100), "action": .string("deny"), "protocol": .string("-1"),
                        "from_port": .number(0), "to_port": .number(0), "ipv6_cidr_block": .string("::/0")
                    ])
                ])
            ])
        let rule = B.resource(
            "aws_network_acl_rule", "deny_kubelet",
            [
                "network_acl_id": B.ref("aws_network_acl.private"), "rule_number": .number(90), "egress": .bool(false),
                "protocol": .string("6"), "rule_action": .string("DENY"), "cidr_block": .string("0.0.0.0/0"),
                "from_port": .number(10250), "to_port": .number(10255)
            ])
        let snapshot = B.map(acl, rule).snapshot
        let mapped = try #require(snapshot.networkACLs.first)
        #expect(snapshot.networkACLs.count == 1)
        #expect(mapped.vpc == .key("aws_vpc.main"))
        #expect(mapped.subnets == [.key("aws_subnet.a")])
        #expect(mapped.entries.count == 3)
        #expect(
            mapped.entries[0]
                == NetworkACL.Entry(
                    provenance: Provenance(resource: "aws_network_acl.private", location: B.at(83), origin: .terraform),
                    ruleNumber: .known(100),
                    direction: .ingress, allow: .known(true), ipProtocol: .known(.tcp), ports: .known(PortRange(from: 10250, to: 10250)),
                    cidr: .known("10.0.0.0/8")))
        #expect(mapped.entries[1].direction == .egress)
        #expect(mapped.entries[1].allow == .known(false))
        #expect(mapped.entries[1].ports == .known(.all))
        #expect(mapped.entries[1].cidr == .known("::/0"))
        #expect(mapped.entries[2].provenance.resource == "aws_network_acl_rule.deny_kubelet")
        #expect(mapped.entries[2].ruleNumber == .known(90))
        #expect(mapped.entries[2].allow == .known(false))
        #expect(mapped.entries[2].ports == .known(PortRange(from: 10250, to: 10255)))
    }
}
