/// An AWS security group. `key` is how rules and attachments refer to it.
public struct SecurityGroup: Codable, Hashable, Sendable {
    public enum Role: String, Codable, Sendable {
        case ordinary
        /// The security group EKS creates for a cluster (`vpc_config[0].cluster_security_group_id`).
        case eksClusterSecurityGroup
    }

    public var key: String
    public var provenance: Provenance
    public var id: String?
    public var name: Resolved<String>?
    public var vpc: ObjectRef?
    public var role: Role
    /// For `eksClusterSecurityGroup`: the key of the cluster that owns it.
    public var ownerCluster: String?

    public init(
        key: String, provenance: Provenance, id: String? = nil, name: Resolved<String>? = nil,
        vpc: ObjectRef? = nil, role: Role = .ordinary, ownerCluster: String? = nil
    ) {
        self.key = key
        self.provenance = provenance
        self.id = id
        self.name = name
        self.vpc = vpc
        self.role = role
        self.ownerCluster = ownerCluster
    }
}

public enum TrafficDirection: String, Codable, Hashable, Sendable {
    case ingress
    case egress
}

/// An IP protocol as security groups write it.
public enum IPProtocol: Codable, Hashable, Sendable, CustomStringConvertible {
    /// `-1` / `all`: every protocol and every port.
    case all
    case tcp
    case udp
    case icmp
    case icmpv6
    case number(Int)

    /// Parses the spellings AWS and Terraform accept: `tcp`, `6`, `-1`, `all`, `icmpv6`, `58`.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "-1", "all": self = .all
        case "tcp", "6": self = .tcp
        case "udp", "17": self = .udp
        case "icmp", "1": self = .icmp
        case "icmpv6", "58": self = .icmpv6
        default:
            guard let number = Int(text), (0...255).contains(number) else { return nil }
            self = .number(number)
        }
    }

    public var description: String {
        switch self {
        case .all: "all"
        case .tcp: "tcp"
        case .udp: "udp"
        case .icmp: "icmp"
        case .icmpv6: "icmpv6"
        case .number(let number): String(number)
        }
    }
}

/// An inclusive port range; `0...65535` for rules that do not restrict ports.
public struct PortRange: Codable, Hashable, Sendable, CustomStringConvertible {
    public var from: Int
    public var to: Int

    public init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }

    public static let all = PortRange(from: 0, to: 65535)

    public func contains(_ port: Int) -> Bool { from <= port && port <= to }

    public var description: String { from == to ? String(from) : "\(from)-\(to)" }
}

/// Where traffic comes from (ingress) or goes to (egress).
public enum RuleEndpoint: Codable, Hashable, Sendable, CustomStringConvertible {
    /// An IPv4 or IPv6 CIDR as written (`0.0.0.0/0`, `::/0`, `10.0.0.0/8`).
    case cidr(String)
    case securityGroup(ObjectRef)
    /// The rule's own security group (`self = true`).
    case selfGroup
    case prefixList(ObjectRef)
    /// A source this input cannot know (a list from an unknown variable, a computed attribute).
    case unknown(String)

    public var description: String {
        switch self {
        case .cidr(let cidr): cidr
        case .securityGroup(let ref): "security group \(ref)"
        case .selfGroup: "self"
        case .prefixList(let ref): "prefix list \(ref)"
        case .unknown(let reason): "unknown (\(reason))"
        }
    }
}

/// One rule of a security group, whether written inline, as a separate resource, or read from EC2.
/// A rule with several sources stays one rule: its findings name it once.
public struct SecurityGroupRule: Codable, Hashable, Sendable {
    public var provenance: Provenance
    /// The security group the rule belongs to.
    public var group: ObjectRef
    public var direction: TrafficDirection
    public var ipProtocol: Resolved<IPProtocol>
    public var ports: Resolved<PortRange>
    public var endpoints: [RuleEndpoint]
    public var description: String?

    public init(
        provenance: Provenance, group: ObjectRef, direction: TrafficDirection,
        ipProtocol: Resolved<IPProtocol>, ports: Resolved<PortRange>,
        endpoints: [RuleEndpoint], description: String? = nil
    ) {
        self.provenance = provenance
        self.group = group
        self.direction = direction
        self.ipProtocol = ipProtocol
        self.ports = ports
        self.endpoints = endpoints
        self.description = description
    }
}

/// A managed prefix list; entries are CIDRs.
public struct PrefixList: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var name: String?
    public var entries: Resolved<[String]>

    public init(key: String, provenance: Provenance, name: String? = nil, entries: Resolved<[String]>) {
        self.key = key
        self.provenance = provenance
        self.name = name
        self.entries = entries
    }
}
