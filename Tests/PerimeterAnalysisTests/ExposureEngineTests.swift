import PerimeterAnalysis
import PerimeterModel
import Testing

@Suite struct ExposureEngineTests {
    static let node = "aws_security_group.node"
    static let clusterSG = "aws_eks_cluster.this:cluster_sg"

    static func cidr(_ text: String) throws -> CIDR { try #require(CIDR(parsing: text)) }

    static func engine(_ rules: [SecurityGroupRule], prefixLists: [PrefixList] = []) -> ExposureEngine {
        var snapshot = Fixture.baseSnapshot()
        snapshot.securityGroupRules = rules
        snapshot.prefixLists = prefixLists
        return ExposureEngine(snapshot: snapshot)
    }

    @Test func selfRuleResolvesToItsOwnGroup() {
        let engine = Self.engine([
            Fixture.rule(
                "aws_security_group_rule.cluster_self", line: 12, group: .external("sg-0cluster"),
                protocol: .known(.all), ports: .known(PortRange(from: 0, to: 0)), from: [.selfGroup])
        ])
        let exposure = engine.exposure(of: [Self.clusterSG], protocol: .tcp, port: 10250)
        #expect(exposure.securityGroups == [Self.clusterSG])
        #expect(exposure.allowsSecurityGroup(Self.clusterSG))
        #expect(exposure.ipv4.isEmpty && exposure.ipv6.isEmpty)
        #expect(exposure.grants(fromSecurityGroup: Self.clusterSG).map(\.resource) == ["aws_security_group_rule.cluster_self"])
        // Querying by cloud ID gives the same answer.
        #expect(engine.exposure(of: ["sg-0cluster"], protocol: .tcp, port: 10250).securityGroups == [Self.clusterSG])
    }

    @Test func severalGroupsOfOneTargetUnite() throws {
        let engine = Self.engine([
            Fixture.tcp("aws_security_group_rule.low", on: Self.node, 10250, nil, .cidr("10.0.0.0/9")),
            Fixture.tcp("aws_security_group_rule.high", on: "aws_security_group.extra", 10250, nil, .cidr("10.128.0.0/9")),
            Fixture.tcp(
                "aws_security_group_rule.cp", on: "aws_security_group.extra", 10250, nil,
                .securityGroup(.external("sg-0cluster")))
        ])
        let one = engine.exposure(of: [Self.node], protocol: .tcp, port: 10250)
        #expect(!one.allows(try Self.cidr("10.0.0.0/8")))
        #expect(one.allowsAny(of: try Self.cidr("10.0.0.0/8")))

        let both = engine.exposure(of: [Self.node, "aws_security_group.extra", Self.node], protocol: .tcp, port: 10250)
        #expect(both.groups == [Self.node, "aws_security_group.extra"])
        #expect(both.allows(try Self.cidr("10.0.0.0/8")))
        #expect(both.ipv4.intervals == [try Self.cidr("10.0.0.0/8").range])
        #expect(!both.isOpenToInternet)
        #expect(both.securityGroups == [Self.clusterSG])
        #expect(both.cidrGrants.count == 2)
        #expect(both.securityGroupGrants.count == 1)
    }

    @Test func ipv6WholeInternet() throws {
        let engine = Self.engine([
            Fixture.tcp("aws_security_group_rule.v6", line: 40, on: Self.node, 10000, 11000, .cidr("::/0")),
            Fixture.tcp("aws_security_group_rule.vpc", line: 50, on: Self.node, 10250, nil, .cidr("10.0.0.0/16"))
        ])
        let exposure = engine.exposure(of: [Self.node], protocol: .tcp, port: 10250)
        #expect(exposure.isOpenToIPv6Internet)
        #expect(!exposure.isOpenToIPv4Internet)
        #expect(exposure.isOpenToInternet)
        #expect(exposure.internetGrants.map(\.resource) == ["aws_security_group_rule.v6"])
        let grant = try #require(exposure.internetGrants.first)
        #expect(grant.location?.line == 40)
        #expect(grant.description == "ingress tcp 10000-11000 from ::/0 on '\(Self.node)'")
    }

    @Test func internetCoveredOnlyByTwoHalves() throws {
        let engine = Self.engine([
            Fixture.tcp("r.low", on: Self.node, 10250, nil, .cidr("0.0.0.0/1")),
            Fixture.tcp("r.high", on: Self.node, 10250, nil, .cidr("128.0.0.0/1"))
        ])
        let exposure = engine.exposure(of: [Self.node], protocol: .tcp, port: 10250)
        #expect(exposure.isOpenToIPv4Internet)
        #expect(exposure.internetGrants.map(\.resource) == ["r.low", "r.high"])
    }

    @Test func evidencePointsAtTheCoveringRule() throws {
        let engine = Self.engine([
            Fixture.tcp("aws_security_group_rule.ssh", line: 10, on: Self.node, 22, nil, .cidr("0.0.0.0/0")),
            Fixture.tcp(
                "aws_security_group_rule.kubelet[\"10.0.0.0/8\"]", line: 20, on: Self.node, 10250, nil,
                .cidr("10.0.0.0/8"), .cidr("192.168.0.0/16")),
            Fixture.rule(
                "aws_security_group_rule.dns", line: 30, group: .key(Self.node), protocol: .known(.udp),
                ports: .known(PortRange(from: 10250, to: 10250)), from: [.cidr("0.0.0.0/0")]),
            Fixture.rule(
                "aws_security_group.node:egress[0]", line: 40, group: .key(Self.node), .egress,
                protocol: .known(.all), ports: .known(PortRange(from: 0, to: 0)), from: [.cidr("0.0.0.0/0")])
        ])
        let exposure = engine.exposure(of: [Self.node], protocol: .tcp, port: 10250)
        #expect(!exposure.isOpenToInternet)
        #expect(exposure.grants.map(\.endpoint) == [.cidr("10.0.0.0/8"), .cidr("192.168.0.0/16")])
        let grant = try #require(exposure.grants(overlapping: try Self.cidr("10.1.0.0/16")).first)
        #expect(grant.resource == "aws_security_group_rule.kubelet[\"10.0.0.0/8\"]")
        #expect(grant.location == PerimeterModel.SourceLocation(file: "main.tf", line: 20))
        #expect(grant.groupKey == Self.node)
        #expect(grant.ruleIndex == 1)
        #expect(grant.rule.ports == .known(PortRange(from: 10250, to: 10250)))

        let egress = engine.exposure(of: [Self.node], direction: .egress, protocol: .tcp, port: 10250)
        #expect(egress.isOpenToIPv4Internet)
        #expect(egress.grants.map(\.resource) == ["aws_security_group.node:egress[0]"])
        #expect(egress.grants.first?.description == "egress all traffic to 0.0.0.0/0 on '\(Self.node)'")
    }

    @Test func prefixListsExpandWhenKnown() throws {
        let engine = Self.engine(
            [
                Fixture.tcp("r.vpn", on: Self.node, 10250, nil, .prefixList(.external("pl-0vpn"))),
                Fixture.tcp("r.partial", on: Self.node, 10250, nil, .prefixList(.key("aws_ec2_managed_prefix_list.partial"))),
                Fixture.tcp("r.computed", on: Self.node, 10250, nil, .prefixList(.key("aws_ec2_managed_prefix_list.computed"))),
                Fixture.tcp("r.missing", on: Self.node, 10250, nil, .prefixList(.external("pl-0gone")))
            ],
            prefixLists: [
                PrefixList(
                    key: "pl-0vpn", provenance: Fixture.provenance("pl-0vpn", origin: .aws),
                    entries: .known(["172.16.0.0/12", "2001:db8::/32"])),
                PrefixList(
                    key: "aws_ec2_managed_prefix_list.partial", provenance: Fixture.provenance("p"),
                    entries: .known(["192.168.0.0/24", "not-a-cidr"])),
                PrefixList(
                    key: "aws_ec2_managed_prefix_list.computed", provenance: Fixture.provenance("c"),
                    entries: .unknown("entries come from var.vpn_cidrs"))
            ])
        let exposure = engine.exposure(of: [Self.node], protocol: .tcp, port: 10250)
        #expect(exposure.allows(try Self.cidr("172.16.0.0/12")))
        #expect(exposure.allows(try Self.cidr("2001:db8::/32")))
        #expect(exposure.allows(try Self.cidr("192.168.0.0/24")))
        #expect(exposure.ipv4.count == (1 << 20) + 256)
        #expect(
            exposure.prefixLists == [
                "pl-0vpn", "aws_ec2_managed_prefix_list.partial",
                "aws_ec2_managed_prefix_list.computed", "pl-0gone"
            ])
        #expect(exposure.prefixListGrants.map(\.resource) == ["r.vpn", "r.partial"])
        #expect(exposure.cidrGrants.count == 2)
        let reasons = exposure.unknownSources.map(\.source.description)
        #expect(exposure.unknownSources.map(\.resource) == ["r.partial", "r.computed", "r.missing"])
        #expect(reasons[0].contains("not-a-cidr") && reasons[1].contains("var.vpn_cidrs") && reasons[2].contains("pl-0gone"))
        #expect(!exposure.isComplete)
    }

    @Test func unknownSourcesAndUncertainRulesStayApart() {
        let engine = Self.engine([
            Fixture.tcp(
                "r.unknown", on: Self.node, 10250, nil, .unknown("var.allowed_cidrs has no value"), .cidr("bogus"),
                .securityGroup(.unknown("module.vpn.sg_id"))),
            Fixture.rule("r.ports", group: .key(Self.node), ports: .unknown("var.kubelet_port"), from: [.cidr("0.0.0.0/0")]),
            Fixture.rule(
                "r.proto", group: .key(Self.node), protocol: .unknown("var.protocol"), ports: .known(.all),
                from: [.cidr("::/0")]),
            Fixture.rule("r.orphan", group: .unknown("module.sg.id"), ports: .known(.all), from: [.cidr("0.0.0.0/0")])
        ])
        let exposure = engine.exposure(of: [Self.node], protocol: .tcp, port: 10250)
        #expect(exposure.isEmpty)
        #expect(exposure.ipv4.isEmpty && exposure.ipv6.isEmpty && exposure.securityGroups.isEmpty)
        #expect(!exposure.isOpenToInternet)
        #expect(exposure.unknownSources.count == 3)
        #expect(exposure.unknownSources.allSatisfy { $0.resource == "r.unknown" })
        #expect(exposure.uncertain.map(\.rule.provenance.resource) == ["r.ports", "r.proto"])
        #expect(exposure.uncertain.first?.reason.contains("var.kubelet_port") == true)
        #expect(engine.unattributedRules.map(\.provenance.resource) == ["r.orphan"])
    }

    @Test func protocolAndPortDecideWhichRulesCount() {
        let engine = Self.engine([
            Fixture.tcp("r.kubelet", on: Self.node, 10250, nil, .cidr("10.0.0.0/8")),
            Fixture.tcp("r.readonly", on: Self.node, 10255, nil, .cidr("172.16.0.0/12")),
            Fixture.rule(
                "r.all", group: .key(Self.node), protocol: .known(.all), ports: .known(PortRange(from: 0, to: 0)),
                from: [.securityGroup(.key(Self.node))])
        ])
        let kubelet = engine.exposure(of: [Self.node], protocol: .tcp, port: 10250)
        #expect(kubelet.grants.map(\.resource) == ["r.kubelet", "r.all"])
        let readOnly = engine.exposure(of: [Self.node], protocol: .tcp, port: 10255)
        #expect(readOnly.grants.map(\.resource) == ["r.readonly", "r.all"])
        let udp = engine.exposure(of: [Self.node], protocol: .udp, port: 10250)
        #expect(udp.grants.map(\.resource) == ["r.all"])
        #expect(engine.rules(of: "sg-0node", direction: .ingress).count == 3)
        #expect(engine.rules(of: Self.node, direction: .egress).isEmpty)
    }

    @Test func queriesANodeTarget() throws {
        var snapshot = Fixture.baseSnapshot()
        snapshot.nodeGroups = [Fixture.managedNodeGroup("ng", cluster: .key("aws_eks_cluster.this"))]
        snapshot.securityGroupRules = [
            Fixture.rule("r.self", group: .key(Self.clusterSG), protocol: .known(.all), ports: .known(.all), from: [.selfGroup])
        ]
        let membership = NodeMembership(snapshot: snapshot)
        let engine = ExposureEngine(index: membership.index)
        let target = try #require(membership.allNodeTargets.first)
        #expect(engine.exposure(of: target, protocol: .tcp, port: 10250).allowsSecurityGroup(Self.clusterSG))
    }
}
