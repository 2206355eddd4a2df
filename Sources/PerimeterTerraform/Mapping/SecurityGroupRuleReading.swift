import PerimeterModel

/// Reading the parts every kind of security group rule shares: protocol, ports and sources.
enum SecurityGroupRuleReading {
    /// The protocol and port range of a rule. Protocol `-1` (all) and ICMP ignore ports; a protocol
    /// number without ports (such as 50, ESP) covers every port.
    static func protocolAndPorts(
        _ fields: Fields, protocolField: String, from: String = "from_port",
        to: String = "to_port"
    ) -> (Resolved<IPProtocol>, Resolved<PortRange>) {
        let ipProtocol = self.ipProtocol(fields, protocolField)
        switch ipProtocol {
        case .known(.all), .known(.icmp), .known(.icmpv6):
            return (ipProtocol, .known(.all))
        default:
            return (ipProtocol, ports(fields, from: from, to: to))
        }
    }

    static func ipProtocol(_ fields: Fields, _ name: String) -> Resolved<IPProtocol> {
        switch fields.string(name) {
        case nil:
            return .unknown("\(fields.instance.address): \(fields.path(of: name)) is not set")
        case .unknown(let reason)?:
            return .unknown(reason)
        case .known(let text)?:
            if let parsed = parse(text) { return .known(parsed) }
            fields.context.warn(
                "\(fields.path(of: name)) '\(text)' is not an IP protocol", instance: fields.instance,
                path: fields.path(of: name))
            return .unknown("protocol '\(text)' is not valid")
        }
    }

    /// The spellings AWS, Terraform and GCP accept, including names IPProtocol does not know.
    static func parse(_ text: String) -> IPProtocol? {
        if let parsed = IPProtocol(parsing: text) { return parsed }
        switch text.lowercased() {
        case "icmp6", "ipv6-icmp": return .icmpv6
        case "esp": return .number(50)
        case "ah": return .number(51)
        case "sctp": return .number(132)
        case "ipip": return .number(4)
        default: return nil
        }
    }

    static func ports(_ fields: Fields, from: String, to: String) -> Resolved<PortRange> {
        let low = fields.int(from)
        let high = fields.int(to)
        switch (low, high) {
        case (nil, nil):
            return .known(.all)
        case (.unknown(let reason)?, _), (_, .unknown(let reason)?):
            return .unknown(reason)
        case (.known(let low)?, .known(let high)?):
            return checked(low, high, fields, from: from, to: to)
        case (.known(let port)?, nil), (nil, .known(let port)?):
            return checked(port, port, fields, from: low == nil ? to : from, to: low == nil ? to : from)
        }
    }

    /// AWS rejects ports outside -1...65535 and a range that runs backwards: the rule is kept with unknown
    /// ports (its checks undecided) and a warning at the field, never read as some other range.
    private static func checked(_ low: Int, _ high: Int, _ fields: Fields, from: String, to: String) -> Resolved<PortRange> {
        for (name, port) in [(from, low), (to, high)] where !(-1...65535).contains(port) {
            fields.context.warn(
                "\(fields.path(of: name)) \(port) is not a port (0 to 65535, or -1 for all)",
                instance: fields.instance, path: fields.path(of: name))
            return .unknown("\(fields.instance.address).\(fields.path(of: name)) = \(port) is not a port")
        }
        if low > high && low >= 0 && high >= 0 {
            fields.context.warn(
                "\(fields.path(of: from)) \(low) is above \(fields.path(of: to)) \(high)",
                instance: fields.instance, path: fields.path(of: from))
            return .unknown("\(fields.instance.address): port range \(low)-\(high) runs backwards")
        }
        return .known(range(low, high))
    }

    /// `-1` in a port field means every port, as EC2 reports it.
    private static func range(_ low: Int, _ high: Int) -> PortRange {
        if low < 0 || high < 0 { return .all }
        return PortRange(from: low, to: high)
    }

    /// CIDR sources of a list attribute (`cidr_blocks`, `ipv6_cidr_blocks`).
    static func cidrs(_ fields: Fields, _ name: String) -> [RuleEndpoint] {
        guard let items = fields.items(name) else { return [] }
        return items.compactMap { item in
            switch item {
            case .string(let cidr) where !cidr.isEmpty: return validated(cidr, fields, name)
            case .unknown(let unknown): return .unknown(unknown.reason)
            case .null, .string: return nil
            default:
                _ = fields.wrongType(name, expected: "a list of CIDR strings", got: item)
                return .unknown("\(fields.instance.address).\(fields.path(of: name)) has a value of the wrong type")
            }
        }
    }

    /// One optional CIDR attribute (`cidr_ipv4`).
    static func cidr(_ fields: Fields, _ name: String) -> RuleEndpoint? {
        switch fields.string(name) {
        case .known(let cidr)?: validated(cidr, fields, name)
        case .unknown(let reason)?: .unknown(reason)
        case nil: nil
        }
    }

    /// A CIDR AWS would accept, or a warning at the field and an unknown source: `10.0.0.0/33`,
    /// `999.1.1.1/8` and `"0.0.0.0/0 "` (AWS rejects the space) are neither dropped nor read as something else.
    static func validated(_ text: String, _ fields: Fields, _ name: String) -> RuleEndpoint {
        guard CIDR(strictly: text) == nil else { return .cidr(text) }
        fields.context.warn(
            "\(fields.path(of: name)) '\(text)' is not a CIDR block", instance: fields.instance, path: fields.path(of: name))
        return .unknown("\(fields.instance.address).\(fields.path(of: name)): '\(text)' is not a CIDR block")
    }

    /// `self = true`.
    static func selfSource(_ fields: Fields) -> RuleEndpoint? {
        switch fields.bool("self") {
        case .known(true)?: .selfGroup
        case .unknown(let reason)?: .unknown(reason)
        default: nil
        }
    }

    /// A source group that is the rule's own group is the same as `self = true`.
    static func securityGroupSource(_ source: ObjectRef, group: ObjectRef) -> RuleEndpoint {
        if let sourceKey = source.knownKey, sourceKey == group.knownKey { return .selfGroup }
        return .securityGroup(source)
    }

    static func direction(_ text: Resolved<String>?) -> TrafficDirection? {
        guard case .known(let text)? = text else { return nil }
        return TrafficDirection(rawValue: text.lowercased())
    }

    static func description(_ fields: Fields) -> String? {
        fields.string("description")?.value
    }

    /// A rule the input cannot spell out (a dynamic block over an unknown collection, an unknown list
    /// element): kept, so a check sees that something there may allow traffic.
    static func unknownRule(
        _ instance: ResourceInstance, path: String, group: ObjectRef, direction: TrafficDirection,
        reason: String, context: MappingContext
    ) -> SecurityGroupRule {
        SecurityGroupRule(
            provenance: context.provenance(instance, path: path), group: group, direction: direction,
            ipProtocol: .unknown(reason), ports: .unknown(reason), endpoints: [.unknown(reason)])
    }
}
