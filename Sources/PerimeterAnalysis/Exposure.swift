import PerimeterModel

/// What one rule endpoint allows, resolved against the snapshot.
public enum GrantSource: Hashable, Sendable, CustomStringConvertible {
    case cidr(CIDR)
    /// A canonical security group key (a `self` endpoint resolves to the rule's own group).
    case securityGroup(String)
    /// A prefix list whose entries the snapshot knows.
    case prefixList(key: String, cidrs: [CIDR])
    /// A source that cannot be known; never counted as allowed or denied.
    case unknown(String)

    public var description: String {
        switch self {
        case .cidr(let cidr): cidr.description
        case .securityGroup(let key): "security group '\(key)'"
        case .prefixList(let key, _): "prefix list '\(key)'"
        case .unknown(let reason): "unknown (\(reason))"
        }
    }
}

/// One rule endpoint that lets the queried traffic through: the evidence behind an exposure.
public struct Grant: Hashable, Sendable, CustomStringConvertible {
    /// Position of the rule in `Snapshot.securityGroupRules`.
    public let ruleIndex: Int
    public let rule: SecurityGroupRule
    /// The queried group the rule belongs to (canonical key).
    public let groupKey: String
    /// The endpoint as the rule wrote it.
    public let endpoint: RuleEndpoint
    public let source: GrantSource

    /// Where the rule is written, for a finding's file:line.
    public var location: SourceLocation? { rule.provenance.location }
    /// The rule's Terraform address or cloud ID.
    public var resource: String { rule.provenance.resource }

    /// The CIDRs this grant opens (a CIDR source, or a prefix list's entries).
    public var cidrs: [CIDR] {
        switch source {
        case .cidr(let cidr): [cidr]
        case .prefixList(_, let cidrs): cidrs
        case .securityGroup, .unknown: []
        }
    }

    /// `ingress tcp 10000-11000 from 0.0.0.0/0 on 'aws_security_group.node'`.
    public var description: String {
        let traffic: String
        switch (rule.ipProtocol, rule.ports) {
        case (.known(let ipProtocol), _) where ipProtocol.normalized == .all: traffic = "all traffic"
        case (.known(let ipProtocol), .known(let ports)): traffic = "\(ipProtocol.normalized) \(ports)"
        case (.known(let ipProtocol), .unknown): traffic = "\(ipProtocol.normalized) (ports unknown)"
        case (.unknown, _): traffic = "unknown protocol"
        }
        let preposition = rule.direction == .ingress ? "from" : "to"
        return "\(rule.direction.rawValue) \(traffic) \(preposition) \(endpoint) on \(SecurityGroupName.display(groupKey))"
    }
}

/// A rule of a queried group whose protocol or ports cannot be known: neither allowed nor denied.
public struct UncertainRule: Hashable, Sendable {
    public let ruleIndex: Int
    public let rule: SecurityGroupRule
    public let groupKey: String
    public let reason: String
}

/// Everything that may send (ingress) or receive (egress) one protocol/port through a set of
/// security groups attached to the same target; SG rules only add, so this is the union of all rules.
public struct Exposure: Hashable, Sendable {
    public let direction: TrafficDirection
    public let ipProtocol: IPProtocol
    public let port: Int
    /// The queried groups, canonical and without repeats.
    public let groups: [String]
    /// Allowed IPv4 addresses (CIDR sources and known prefix-list entries).
    public let ipv4: IntervalSet
    /// Allowed IPv6 addresses (IPv4-mapped blocks stay here, as AWS files them).
    public let ipv6: IntervalSet
    /// Canonical keys (or cloud IDs) of allowed source groups.
    public let securityGroups: Set<String>
    /// Keys (or IDs) of every prefix list named by a covering rule, expanded or not.
    public let prefixLists: Set<String>
    /// The endpoints that allowed something, in rule order.
    public let grants: [Grant]
    /// Endpoints of covering rules that cannot be resolved (unknown CIDR list, unknown prefix-list entries).
    public let unknownSources: [Grant]
    /// Rules whose protocol or ports are unknown.
    public let uncertain: [UncertainRule]

    /// The whole IPv4 or the whole IPv6 internet may connect, possibly through several rules.
    public var isOpenToInternet: Bool { isOpenToIPv4Internet || isOpenToIPv6Internet }
    public var isOpenToIPv4Internet: Bool { ipv4.contains(CIDR.wholeIPv4.range) }
    public var isOpenToIPv6Internet: Bool { ipv6.contains(CIDR.wholeIPv6.range) }

    /// Nothing is certainly allowed.
    public var isEmpty: Bool { grants.isEmpty }

    /// No unknown source and no rule of unknown protocol or ports could change the answer.
    public var isComplete: Bool { unknownSources.isEmpty && uncertain.isEmpty }

    /// True when every address of `cidr` is allowed.
    public func allows(_ cidr: CIDR) -> Bool {
        set(for: cidr.family).contains(cidr.range)
    }

    /// True when some address of `cidr` is allowed.
    public func allowsAny(of cidr: CIDR) -> Bool {
        set(for: cidr.family).overlaps(cidr.range)
    }

    /// True when members of the group (key or cloud ID as the engine resolved it) are allowed.
    public func allowsSecurityGroup(_ key: String) -> Bool {
        securityGroups.contains(key)
    }

    public func grants(matching predicate: (Grant) -> Bool) -> [Grant] {
        grants.filter(predicate)
    }

    /// Grants from CIDRs, including expanded prefix lists.
    public var cidrGrants: [Grant] { grants.filter { !$0.cidrs.isEmpty } }

    public var securityGroupGrants: [Grant] {
        grants.filter { if case .securityGroup = $0.source { true } else { false } }
    }

    public var prefixListGrants: [Grant] {
        grants.filter { if case .prefixList = $0.source { true } else { false } }
    }

    /// The grants whose CIDRs share an address with `cidr`: the evidence for `allowsAny(of:)`.
    public func grants(overlapping cidr: CIDR) -> [Grant] {
        grants.filter { $0.cidrs.contains { $0.overlaps(cidr) } }
    }

    /// The grants that let members of the group in.
    public func grants(fromSecurityGroup key: String) -> [Grant] {
        grants.filter { $0.source == .securityGroup(key) }
    }

    /// The grants that make the target open to the internet: those that open a whole family alone
    /// (`0.0.0.0/0`, `::/0`), or, when only several rules together cover it, every CIDR grant of that family.
    public var internetGrants: [Grant] {
        var result: [Grant] = []
        for whole in [CIDR.wholeIPv4, CIDR.wholeIPv6] where allows(whole) {
            let alone = grants.filter { $0.cidrs.contains(whole) }
            result += alone.isEmpty ? grants(overlapping: whole) : alone
        }
        return result
    }

    private func set(for family: AddressFamily) -> IntervalSet {
        family == .ipv4 ? ipv4 : ipv6
    }
}
