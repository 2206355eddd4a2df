import PerimeterModel
import Testing

@testable import PerimeterTerraform

@Suite struct SecurityGroupMappingTests {
    typealias B = Build

    @Test func inlineBlockWithSeveralSourcesIsOneRule() throws {
        let group = B.resource(
            "aws_security_group", "node", line: 3, locations: ["ingress[0]": 7, "ingress[1]": 15, "egress[0]": 20],
            [
                "name": .string("node"),
                "vpc_id": B.ref("aws_vpc.main"),
                "ingress": .list([
                    .object([
                        "protocol": .string("tcp"), "from_port": .number(10250), "to_port": .number(10250),
                        "cidr_blocks": B.strings("10.0.0.0/8", "0.0.0.0/0"), "ipv6_cidr_blocks": B.strings("::/0"),
                        "prefix_list_ids": .list([B.ref("aws_ec2_managed_prefix_list.vpn")]),
                        "security_groups": .list([B.ref("aws_security_group.bastion"), .string("sg-0abc")]),
                        "self": .string("true"), "description": .string("kubelet")
                    ]),
                    .object(["protocol": .string("-1"), "from_port": .number(0), "to_port": .number(0), "self": .bool(true)])
                ]),
                "egress": .list([
                    .object([
                        "protocol": .string("-1"), "from_port": .number(0), "to_port": .number(0),
                        "cidr_blocks": B.strings("0.0.0.0/0")
                    ])
                ])
            ])
        let (snapshot, diagnostics) = B.map(group)
        #expect(diagnostics.isEmpty)
        #expect(
            snapshot.securityGroups == [
                SecurityGroup(
                    key: "aws_security_group.node",
                    provenance: Provenance(resource: "aws_security_group.node", location: B.at(3), origin: .terraform),
                    name: .known("node"), vpc: .key("aws_vpc.main"))
            ])
        #expect(snapshot.securityGroupRules.count == 3)
        let kubelet = snapshot.securityGroupRules[0]
        #expect(
            kubelet
                == SecurityGroupRule(
                    provenance: Provenance(resource: "aws_security_group.node", location: B.at(7), origin: .terraform),
                    group: .key("aws_security_group.node"), direction: .ingress, ipProtocol: .known(.tcp),
                    ports: .known(PortRange(from: 10250, to: 10250)),
                    endpoints: [
                        .cidr("10.0.0.0/8"), .cidr("0.0.0.0/0"), .cidr("::/0"),
                        .prefixList(.key("aws_ec2_managed_prefix_list.vpn")),
                        .securityGroup(.key("aws_security_group.bastion")), .securityGroup(.external("sg-0abc")), .selfGroup
                    ],
                    description: "kubelet"))
        let all = snapshot.securityGroupRules[1]
        #expect(all.ipProtocol == .known(.all))
        #expect(all.ports == .known(.all))
        #expect(all.endpoints == [.selfGroup])
        #expect(all.provenance.location == B.at(15))
        #expect(snapshot.securityGroupRules[2].direction == .egress)
    }

    @Test func singleObjectBlockIsAcceptedLikeAList() {
        let asObject = B.resource(
            "aws_security_group", "a",
            [
                "ingress": .object([
                    "protocol": .string("tcp"), "from_port": .string("443"), "to_port": .number(443),
                    "cidr_blocks": B.strings("10.0.0.0/16")
                ])
            ])
        var asList = asObject
        asList.values["ingress"] = .list([asObject.values["ingress"] ?? .null])
        let fromObject = B.map(asObject).snapshot.securityGroupRules
        #expect(fromObject == B.map(asList).snapshot.securityGroupRules)
        #expect(fromObject.first?.ports == .known(PortRange(from: 443, to: 443)))
    }

    @Test func unknownSourcesAndDynamicBlocks() {
        let group = B.resource(
            "aws_security_group", "a",
            [
                "ingress": .list([
                    .object([
                        "protocol": .string("tcp"), "from_port": .number(22), "to_port": .number(22),
                        "cidr_blocks": .unknown(Unknown(reason: "variable 'ssh_cidrs' has no value"))
                    ]),
                    .unknown(Unknown(reason: "dynamic 'ingress' blocks: for_each of rules is not known"))
                ])
            ])
        let rules = B.map(group).snapshot.securityGroupRules
        #expect(rules.count == 2)
        #expect(rules.first?.endpoints == [.unknown("variable 'ssh_cidrs' has no value")])
        #expect(rules.last?.ipProtocol == .unknown("dynamic 'ingress' blocks: for_each of rules is not known"))
        #expect(rules.last?.endpoints == [.unknown("dynamic 'ingress' blocks: for_each of rules is not known")])
    }

    @Test func separateRuleFromTheEKSClusterSecurityGroup() {
        let cluster = "module.eks.aws_eks_cluster.this"
        let rule = B.resource(
            "aws_security_group_rule", "kubelet", module: "module.eks", line: 40,
            [
                "type": .string("ingress"), "protocol": .string("tcp"), "from_port": .number(10250), "to_port": .number(10250),
                "security_group_id": B.ref("module.eks.aws_security_group.node"),
                "source_security_group_id": B.ref(cluster, "vpc_config[0].cluster_security_group_id")
            ])
        let (snapshot, diagnostics) = B.map(rule)
        #expect(diagnostics.isEmpty)
        #expect(
            snapshot.securityGroupRules == [
                SecurityGroupRule(
                    provenance: Provenance(resource: "module.eks.aws_security_group_rule.kubelet", location: B.at(40), origin: .terraform),
                    group: .key("module.eks.aws_security_group.node"), direction: .ingress, ipProtocol: .known(.tcp),
                    ports: .known(PortRange(from: 10250, to: 10250)),
                    endpoints: [.securityGroup(.key("module.eks.aws_eks_cluster.this.vpc_config[0].cluster_security_group_id"))])
            ])
    }

    @Test func referencesResolveToKeysByTypeAndKnownIDs() {
        let existing = B.resource("aws_security_group", "existing", ["id": .string("sg-0123")])
        let rule = B.resource(
            "aws_security_group_rule", "r",
            [
                "type": .string("egress"), "protocol": .string("6"), "from_port": .number(443), "to_port": .number(443),
                "security_group_id": .string("sg-0123"),
                // A reference to something that is not a security group stays unknown.
                "source_security_group_id": B.ref("aws_instance.vpn", "id"),
                "ipv6_cidr_blocks": B.strings("2600:1f18::/40")
            ])
        let rules = B.map(existing, rule).snapshot.securityGroupRules
        #expect(rules.first?.group == .key("aws_security_group.existing"))
        #expect(rules.first?.direction == .egress)
        #expect(rules.first?.ipProtocol == .known(.tcp))
        #expect(
            rules.first?.endpoints == [
                .cidr("2600:1f18::/40"),
                .securityGroup(.unknown("aws_instance.vpn.id is known only after apply"))
            ])
    }

    @Test func sourceThatIsTheRulesOwnGroupIsSelf() {
        let rule = B.resource(
            "aws_security_group_rule", "self",
            [
                "type": .string("ingress"), "protocol": .string("-1"), "from_port": .number(0), "to_port": .number(0),
                "security_group_id": B.ref("aws_security_group.node"), "source_security_group_id": B.ref("aws_security_group.node")
            ])
        #expect(B.map(rule).snapshot.securityGroupRules.first?.endpoints == [.selfGroup])
    }

    @Test func vpcSecurityGroupRules() {
        let all = B.resource(
            "aws_vpc_security_group_ingress_rule", "all",
            [
                "security_group_id": B.ref("aws_security_group.node"), "ip_protocol": .string("-1"), "cidr_ipv6": .string("::/0")
            ])
        let kubelet = B.resource(
            "aws_vpc_security_group_ingress_rule", "kubelet",
            [
                "security_group_id": B.ref("aws_security_group.node"), "ip_protocol": .string("tcp"),
                "from_port": .number(10250), "to_port": .number(10255),
                "referenced_security_group_id": B.ref("module.eks.aws_eks_cluster.this", "vpc_config[0].cluster_security_group_id")
            ])
        let egress = B.resource(
            "aws_vpc_security_group_egress_rule", "s3",
            [
                "security_group_id": .string("sg-0abc"), "ip_protocol": .string("tcp"), "from_port": .number(443), "to_port": .number(443),
                "prefix_list_id": .string("pl-63a5400a"), "cidr_ipv4": .string("10.0.0.0/16")
            ])
        let rules = B.map(all, kubelet, egress).snapshot.securityGroupRules
        #expect(rules[0].ipProtocol == .known(.all))
        #expect(rules[0].ports == .known(.all))
        #expect(rules[0].endpoints == [.cidr("::/0")])
        #expect(rules[1].ports == .known(PortRange(from: 10250, to: 10255)))
        #expect(rules[1].endpoints == [.securityGroup(.key("module.eks.aws_eks_cluster.this.vpc_config[0].cluster_security_group_id"))])
        #expect(rules[2].direction == .egress)
        #expect(rules[2].group == .external("sg-0abc"))
        #expect(rules[2].endpoints == [.cidr("10.0.0.0/16"), .prefixList(.external("pl-63a5400a"))])
    }

    @Test func prefixListsAndTheirEntries() {
        let list = B.resource(
            "aws_ec2_managed_prefix_list", "vpn",
            [
                "name": .string("vpn"),
                "entry": .list([.object(["cidr": .string("172.31.0.0/16")]), .object(["cidr": .string("100.64.0.0/10")])])
            ])
        let extra = B.resource(
            "aws_ec2_managed_prefix_list_entry", "office",
            [
                "prefix_list_id": B.ref("aws_ec2_managed_prefix_list.vpn"), "cidr": .string("203.0.113.0/24")
            ])
        let lists = B.map(list, extra).snapshot.prefixLists
        #expect(lists.count == 1)
        #expect(lists.first?.name == "vpn")
        #expect(lists.first?.entries == .known(["172.31.0.0/16", "100.64.0.0/10", "203.0.113.0/24"]))
    }

    @Test func valuesOfTheWrongTypeGiveWarningsNotCrashes() {
        let rule = B.resource(
            "aws_security_group_rule", "bad", line: 9, locations: ["from_port": 12],
            [
                "type": .string("ingress"), "protocol": .string("tcp"), "from_port": .bool(true), "to_port": .list([]),
                "security_group_id": .object([:]), "cidr_blocks": .string("10.0.0.0/8")
            ])
        let (snapshot, diagnostics) = B.map(rule)
        #expect(snapshot.securityGroupRules.count == 1)
        #expect(snapshot.securityGroupRules.first?.ports.isKnown == false)
        #expect(diagnostics.count == 4)
        #expect(diagnostics.allSatisfy { $0.severity == .warning && $0.message.hasPrefix("aws_security_group_rule.bad: ") })
        #expect(diagnostics.contains { $0.message.contains("from_port must be a whole number, not bool") && $0.location == B.at(12) })
    }

    @Test func ruleWithoutAKnownTypeIsLeftOutWithAWarning() {
        let rule = B.resource(
            "aws_security_group_rule", "r",
            [
                "type": .unknown(Unknown(reason: "variable 'direction' has no value")), "protocol": .string("tcp")
            ])
        let (snapshot, diagnostics) = B.map(rule)
        #expect(snapshot.securityGroupRules.isEmpty)
        #expect(diagnostics.count == 1)
    }

    @Test func invalidProtocolIsUnknownWithAWarning() {
        let group = B.resource(
            "aws_security_group", "g",
            [
                "ingress": B.block(["protocol": .string("tcpp"), "from_port": .number(1), "to_port": .number(2)])
            ])
        let (snapshot, diagnostics) = B.map(group)
        #expect(snapshot.securityGroupRules.first?.ipProtocol == .unknown("protocol 'tcpp' is not valid"))
        #expect(diagnostics.count == 1)
    }
}
