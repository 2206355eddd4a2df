/// A three-valued answer: a check reports only `.yes` (or `.no`) as fact.
public enum Coverage: Hashable, Sendable, CustomStringConvertible {
    case yes
    case no
    /// Why the input cannot tell.
    case unknown(String)

    public var description: String {
        switch self {
        case .yes: "yes"
        case .no: "no"
        case .unknown(let reason): "unknown (\(reason))"
        }
    }
}

extension IPProtocol {
    /// The same protocol with numeric spellings folded into their names (`.number(6)` is `.tcp`).
    public var normalized: IPProtocol {
        switch self {
        case .number(-1): .all
        case .number(6): .tcp
        case .number(17): .udp
        case .number(1): .icmp
        case .number(58): .icmpv6
        default: self
        }
    }

    /// Protocols whose rules are restricted by a port range (ICMP uses the range for type and code).
    var usesPorts: Bool {
        switch normalized {
        case .tcp, .udp, .icmp, .icmpv6: true
        case .all, .number: false
        }
    }
}

extension SecurityGroupRule {
    /// Whether this rule lets `protocol` traffic to `port` through, ignoring its endpoints.
    ///
    /// Protocol `all` (-1) covers every protocol and port. TCP and UDP rules cover the ports in their
    /// range; an ICMP rule covers ICMP types in its range (from -1: every type). A rule for another
    /// numbered protocol covers that whole protocol, as AWS ignores ports for it. A different protocol
    /// never covers. An unknown protocol, or unknown ports where ports matter, is `.unknown`.
    public func covers(protocol wanted: IPProtocol, port: Int) -> Coverage {
        let ruleProtocol: IPProtocol
        switch ipProtocol {
        case .known(let known): ruleProtocol = known.normalized
        case .unknown(let reason): return .unknown("protocol is unknown: \(reason)")
        }
        let wanted = wanted.normalized
        if ruleProtocol == .all { return .yes }
        // Only an all-protocol rule covers all-protocol traffic.
        guard ruleProtocol == wanted, wanted != .all else { return .no }
        guard ruleProtocol.usesPorts else { return .yes }
        switch ports {
        case .unknown(let reason):
            return .unknown("ports are unknown: \(reason)")
        case .known(let range):
            let isICMP = ruleProtocol == .icmp || ruleProtocol == .icmpv6
            if isICMP && range.from == -1 { return .yes }
            return range.contains(port) ? .yes : .no
        }
    }
}
