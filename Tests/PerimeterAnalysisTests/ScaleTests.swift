import PerimeterAnalysis
import PerimeterModel
import Testing

/// The design's network scale (10k groups, 100k rules, 20k ENIs): answers must stay right at that size.
/// Timing belongs to bench/, so nothing here measures time.
@Suite struct ScaleTests {
    static let groupCount = 10_000
    static let clusterSG = "aws_security_group.g0"

    static func groupKey(_ index: Int) -> String { "aws_security_group.g\(index)" }

    /// Ten rules per group; which ones open 10250/10255 depends on the group's number.
    static func rules(of index: Int) -> [SecurityGroupRule] {
        let key = groupKey(index)
        let octet = index % 256
        func rule(
            _ number: Int, _ ipProtocol: IPProtocol, _ ports: Resolved<PortRange>, _ endpoint: RuleEndpoint,
            direction: TrafficDirection = .ingress
        ) -> SecurityGroupRule {
            SecurityGroupRule(
                provenance: Fixture.provenance("\(key):rule[\(number)]", line: number + 1, file: "g\(index).tf"),
                group: .key(key), direction: direction, ipProtocol: .known(ipProtocol), ports: ports,
                endpoints: [endpoint])
        }
        func port(_ from: Int, _ to: Int? = nil) -> Resolved<PortRange> { .known(PortRange(from: from, to: to ?? from)) }
        return [
            rule(0, .tcp, port(443), .securityGroup(.external("sg-\((index + 1) % groupCount)"))),
            rule(1, .tcp, port(10250), .securityGroup(.key(clusterSG))),
            index % 100 == 0 ? rule(2, .tcp, port(10000, 11000), .cidr("0.0.0.0/0")) : rule(2, .tcp, port(22), .cidr("10.0.0.0/8")),
            index % 250 == 0 ? rule(3, .all, port(0, 0), .cidr("::/0")) : rule(3, .udp, port(53), .selfGroup),
            rule(4, .tcp, port(index % 7 == 0 ? 10255 : 8080), .cidr("10.\(octet).0.0/16")),
            index % 1000 == 1 ? rule(5, .tcp, .unknown("var.port"), .cidr("0.0.0.0/0")) : rule(5, .tcp, port(9443), .selfGroup),
            rule(6, .all, port(0, 0), .cidr("0.0.0.0/0"), direction: .egress),
            rule(7, .tcp, port(443), .cidr("::/0"), direction: .egress),
            rule(8, .tcp, port(30000, 32767), .prefixList(.key("pl-\(index % 10)"))),
            rule(9, .tcp, port(index % 3 == 0 ? 10250 : 3000), .cidr("10.\(octet).\(index / 256 % 256).0/24"))
        ]
    }

    /// 2,000 instances in 20 ASGs tagged for the cluster, ten ENIs each; ENI j carries group j mod 10,000.
    static func snapshot() -> Snapshot {
        var snapshot = Snapshot()
        snapshot.securityGroups = (0..<groupCount).map { Fixture.group(groupKey($0), id: "sg-\($0)") }
        snapshot.securityGroupRules = (0..<groupCount).flatMap(rules(of:))
        snapshot.prefixLists = (0..<10).map {
            PrefixList(
                key: "pl-\($0)", provenance: Fixture.provenance("pl-\($0)", origin: .aws),
                entries: .known(["192.168.\($0).0/24"]))
        }
        snapshot.eksClusters = [Fixture.cluster("prod", name: "prod", clusterSG: .key(clusterSG))]
        snapshot.autoScalingGroups = (0..<20).map { asg in
            AutoScalingGroup(
                key: "asg-\(asg)", provenance: Fixture.provenance("asg-\(asg)", origin: .aws),
                name: .known("asg-\(asg)"), tags: ["kubernetes.io/cluster/prod": "owned"],
                instances: stride(from: asg, to: 2000, by: 20).map { .external("i-\($0)") })
        }
        snapshot.instances = (0..<2000).map {
            Instance(key: "i-\($0)", provenance: Fixture.provenance("i-\($0)", origin: .aws), id: "i-\($0)")
        }
        snapshot.networkInterfaces = (0..<20_000).map { eni in
            NetworkInterface(
                key: "eni-\(eni)", provenance: Fixture.provenance("eni-\(eni)", origin: .aws),
                securityGroups: [.external("sg-\(eni % groupCount)")], instance: .external("i-\(eni / 10)"))
        }
        return snapshot
    }

    @Test func everyGroupOnKubeletPorts() throws {
        let snapshot = Self.snapshot()
        #expect(snapshot.securityGroupRules.count == 100_000)
        let engine = ExposureEngine(snapshot: snapshot)

        var openOn10250 = 0
        var uncertainOn10250 = 0
        var cidrOn10255 = 0
        for index in 0..<Self.groupCount {
            let key = Self.groupKey(index)
            let kubelet = engine.exposure(of: [key], protocol: .tcp, port: 10250)
            let readOnly = engine.exposure(of: [key], protocol: .tcp, port: 10255)
            if kubelet.isOpenToInternet { openOn10250 += 1 }
            if !kubelet.uncertain.isEmpty { uncertainOn10250 += 1 }
            if !readOnly.cidrGrants.isEmpty { cidrOn10255 += 1 }
            #expect(kubelet.allowsSecurityGroup(Self.clusterSG))
        }
        // Multiples of 100 (0.0.0.0/0 on 10000-11000) and of 250 (all traffic from ::/0).
        #expect(openOn10250 == 100 + 40 - 20)
        #expect(uncertainOn10250 == 10)
        // Multiples of 7 (10255 from a /16) and every group open to the internet on 10000-11000 or all traffic.
        let expected = (0..<Self.groupCount).filter { $0 % 7 == 0 || $0 % 100 == 0 || $0 % 250 == 0 }.count
        #expect(cidrOn10255 == expected)

        let zero = engine.exposure(of: ["sg-0"], protocol: .tcp, port: 10250)
        #expect(zero.isOpenToIPv4Internet && zero.isOpenToIPv6Internet)
        #expect(zero.internetGrants.map(\.resource) == ["\(Self.clusterSG):rule[2]", "\(Self.clusterSG):rule[3]"])

        let three = engine.exposure(of: [Self.groupKey(3)], protocol: .tcp, port: 10250)
        #expect(three.ipv4.intervals == [try #require(CIDR(parsing: "10.3.0.0/24")).range])
        #expect(three.grants(overlapping: try #require(CIDR(parsing: "10.3.0.7/32"))).first?.location?.line == 10)

        let https = engine.exposure(of: [Self.groupKey(9_999)], protocol: .tcp, port: 443)
        #expect(https.securityGroups == [Self.groupKey(0)])
        let nodePorts = engine.exposure(of: [Self.groupKey(42)], protocol: .tcp, port: 30080)
        #expect(nodePorts.prefixLists == ["pl-2"])
        #expect(nodePorts.allows(try #require(CIDR(parsing: "192.168.2.0/24"))))
    }

    @Test func membershipOfTwentyThousandInterfaces() throws {
        let snapshot = Self.snapshot()
        let membership = NodeMembership(snapshot: snapshot)
        #expect(membership.allNodeTargets.count == 20)
        #expect(membership.allNodeTargets.allSatisfy { $0.securityGroupKeys.count == 500 && $0.instanceKeys.count == 100 })
        // ASG 0 holds instances 0, 20, 40...: their ENIs carry groups whose number mod 200 is below 10.
        let first = try #require(membership.allNodeTargets.first)
        #expect(first.carries(Self.groupKey(205)) && !first.carries(Self.groupKey(210)))
        #expect(membership.nodeTargets(carrying: "sg-210").map(\.key) == ["asg-1"])

        let engine = ExposureEngine(index: membership.index)
        let open = membership.allNodeTargets.filter { engine.exposure(of: $0, protocol: .tcp, port: 10250).isOpenToInternet }
        // ASG a holds the groups whose number mod 200 is in 10a..<10a+10: multiples of 100 fall in ASGs 0
        // and 10, multiples of 250 (250 -> 50, 750 -> 150) in ASGs 5 and 15.
        #expect(open.map(\.key) == ["asg-0", "asg-5", "asg-10", "asg-15"])
    }
}
