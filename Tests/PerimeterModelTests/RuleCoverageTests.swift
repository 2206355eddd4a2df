import PerimeterModel
import Testing

@Suite struct RuleCoverageTests {
    static func rule(_ protocolText: String?, _ ports: PortRange?) -> SecurityGroupRule {
        let ipProtocol: Resolved<IPProtocol> =
            protocolText.flatMap(IPProtocol.init(parsing:)).map(Resolved.known)
            ?? .unknown("var.protocol has no value")
        return SecurityGroupRule(
            provenance: Provenance(resource: "aws_security_group_rule.r", origin: .terraform),
            group: .key("aws_security_group.node"), direction: .ingress,
            ipProtocol: ipProtocol, ports: ports.map(Resolved.known) ?? .unknown("var.port has no value"),
            endpoints: [.cidr("0.0.0.0/0")])
    }

    @Test func portRangeCoversKubelet() {
        let wide = Self.rule("tcp", PortRange(from: 10000, to: 11000))
        #expect(wide.covers(protocol: .tcp, port: 10250) == .yes)
        #expect(wide.covers(protocol: .tcp, port: 10255) == .yes)
        #expect(wide.covers(protocol: .tcp, port: 9999) == .no)
        #expect(wide.covers(protocol: .tcp, port: 11001) == .no)
        #expect(Self.rule("tcp", PortRange(from: 10250, to: 10250)).covers(protocol: .tcp, port: 10255) == .no)
    }

    @Test func allProtocolsCoverEverything() {
        // Terraform writes protocol -1 with from_port = to_port = 0; the ports do not restrict it.
        let all = Self.rule("-1", PortRange(from: 0, to: 0))
        #expect(all.covers(protocol: .tcp, port: 10250) == .yes)
        #expect(all.covers(protocol: .udp, port: 53) == .yes)
        #expect(all.covers(protocol: .all, port: 0) == .yes)
        #expect(Self.rule("all", nil).covers(protocol: .tcp, port: 10250) == .yes)
    }

    @Test func numericProtocolsMatchNames() {
        #expect(Self.rule("6", PortRange(from: 10250, to: 10250)).covers(protocol: .tcp, port: 10250) == .yes)
        #expect(Self.rule("17", PortRange(from: 53, to: 53)).covers(protocol: .udp, port: 53) == .yes)
        let constructed = SecurityGroupRule(
            provenance: Provenance(resource: "sgr-1", origin: .aws), group: .external("sg-1"), direction: .ingress,
            ipProtocol: .known(.number(6)), ports: .known(PortRange.all), endpoints: [])
        #expect(constructed.covers(protocol: .tcp, port: 10250) == .yes)
        #expect(constructed.covers(protocol: .number(6), port: 10250) == .yes)
    }

    @Test func otherProtocolsNeverCover() {
        #expect(Self.rule("udp", PortRange.all).covers(protocol: .tcp, port: 10250) == .no)
        #expect(Self.rule("icmp", PortRange(from: -1, to: -1)).covers(protocol: .tcp, port: 10250) == .no)
        #expect(Self.rule("tcp", PortRange.all).covers(protocol: .udp, port: 10250) == .no)
        #expect(Self.rule("tcp", PortRange.all).covers(protocol: .all, port: 0) == .no)
    }

    @Test func icmpAndOtherProtocols() {
        #expect(Self.rule("icmp", PortRange(from: -1, to: -1)).covers(protocol: .icmp, port: 8) == .yes)
        #expect(Self.rule("icmp", PortRange(from: 3, to: 3)).covers(protocol: .icmp, port: 8) == .no)
        // AWS ignores ports for protocols other than TCP, UDP and ICMP.
        #expect(Self.rule("50", PortRange(from: 0, to: 0)).covers(protocol: .number(50), port: 1) == .yes)
    }

    @Test func unknownProtocolOrPortsIsUnknown() {
        guard case .unknown(let reason) = Self.rule(nil, PortRange.all).covers(protocol: .tcp, port: 10250) else {
            Issue.record("an unknown protocol must give an unknown answer")
            return
        }
        #expect(reason.contains("var.protocol"))
        guard case .unknown = Self.rule("tcp", nil).covers(protocol: .tcp, port: 10250) else {
            Issue.record("unknown ports must give an unknown answer")
            return
        }
        // A protocol that cannot match decides the answer even with unknown ports.
        #expect(Self.rule("udp", nil).covers(protocol: .tcp, port: 10250) == .no)
        #expect(Self.rule("-1", nil).covers(protocol: .tcp, port: 10250) == .yes)
    }
}
