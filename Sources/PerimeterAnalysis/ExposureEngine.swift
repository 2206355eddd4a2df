import PerimeterModel

/// Answers "who may reach these security groups on this protocol/port" (ingress) and "where may they
/// send it" (egress). Built once per snapshot: one pass over the rules indexes them by their group and
/// resolves every endpoint (CIDR text, group references, prefix-list entries), so a query only touches
/// the rules of the queried groups.
public struct ExposureEngine: Sendable {
    public let index: SnapshotIndex
    /// Rules whose own group is unknown: no query can attribute them to a target.
    public let unattributedRules: [SecurityGroupRule]

    private let ingressRules: [String: [IndexedRule]]
    private let egressRules: [String: [IndexedRule]]

    public init(snapshot: Snapshot) {
        self.init(index: SnapshotIndex(snapshot: snapshot))
    }

    public init(index: SnapshotIndex) {
        self.index = index
        var resolver = EndpointResolver(index: index)
        var ingress: [String: [IndexedRule]] = [:]
        var egress: [String: [IndexedRule]] = [:]
        var unattributed: [SecurityGroupRule] = []
        for (position, rule) in index.snapshot.securityGroupRules.enumerated() {
            guard let groupKey = index.securityGroupKey(for: rule.group) else {
                unattributed.append(rule)
                continue
            }
            let sources = rule.endpoints.flatMap { resolver.resolve($0, ruleGroup: groupKey) }
            let indexed = IndexedRule(ruleIndex: position, rule: rule, groupKey: groupKey, sources: sources)
            switch rule.direction {
            case .ingress: ingress[groupKey, default: []].append(indexed)
            case .egress: egress[groupKey, default: []].append(indexed)
            }
        }
        ingressRules = ingress
        egressRules = egress
        unattributedRules = unattributed
    }

    /// The union of what every rule of `groups` (keys or cloud IDs; the groups of one target) allows
    /// for `protocol` traffic to `port`. Rules of unknown protocol or ports land in `uncertain`.
    public func exposure(
        of groups: [String], direction: TrafficDirection = .ingress, protocol wanted: IPProtocol,
        port: Int
    ) -> Exposure {
        let table = direction == .ingress ? ingressRules : egressRules
        var queried: [String] = []
        var seen = Set<String>()
        var ipv4: [ClosedRange<UInt128>] = []
        var ipv6: [ClosedRange<UInt128>] = []
        var securityGroups = Set<String>()
        var prefixLists = Set<String>()
        var grants: [Grant] = []
        var unknownSources: [Grant] = []
        var uncertain: [UncertainRule] = []

        for group in groups {
            let key = index.securityGroupKey(group)
            guard seen.insert(key).inserted else { continue }
            queried.append(key)
            for indexed in table[key] ?? [] {
                switch indexed.rule.covers(protocol: wanted, port: port) {
                case .no:
                    continue
                case .unknown(let reason):
                    uncertain.append(
                        UncertainRule(
                            ruleIndex: indexed.ruleIndex, rule: indexed.rule, groupKey: key,
                            reason: reason))
                    continue
                case .yes:
                    break
                }
                for resolved in indexed.sources {
                    if let list = resolved.prefixListKey { prefixLists.insert(list) }
                    let grant = Grant(
                        ruleIndex: indexed.ruleIndex, rule: indexed.rule, groupKey: key,
                        endpoint: resolved.endpoint, source: resolved.source)
                    switch resolved.source {
                    case .cidr(let cidr):
                        cidr.family == .ipv4 ? ipv4.append(cidr.range) : ipv6.append(cidr.range)
                    case .prefixList(_, let cidrs):
                        for cidr in cidrs { cidr.family == .ipv4 ? ipv4.append(cidr.range) : ipv6.append(cidr.range) }
                    case .securityGroup(let source):
                        securityGroups.insert(source)
                    case .unknown:
                        unknownSources.append(grant)
                        continue
                    }
                    grants.append(grant)
                }
            }
        }
        return Exposure(
            direction: direction, ipProtocol: wanted, port: port, groups: queried,
            ipv4: IntervalSet(ipv4), ipv6: IntervalSet(ipv6), securityGroups: securityGroups,
            prefixLists: prefixLists, grants: grants, unknownSources: unknownSources, uncertain: uncertain)
    }

    /// The exposure of a node target's known groups.
    public func exposure(
        of target: NodeTarget, direction: TrafficDirection = .ingress, protocol wanted: IPProtocol,
        port: Int
    ) -> Exposure {
        exposure(of: target.securityGroupKeys, direction: direction, protocol: wanted, port: port)
    }

    /// The rules of one group (key or cloud ID) in one direction, in snapshot order.
    public func rules(of group: String, direction: TrafficDirection) -> [SecurityGroupRule] {
        let table = direction == .ingress ? ingressRules : egressRules
        return (table[index.securityGroupKey(group)] ?? []).map(\.rule)
    }
}

/// A rule with its group and endpoints resolved once.
private struct IndexedRule: Sendable {
    let ruleIndex: Int
    let rule: SecurityGroupRule
    let groupKey: String
    let sources: [ResolvedEndpoint]
}

struct ResolvedEndpoint: Sendable {
    let endpoint: RuleEndpoint
    let source: GrantSource
    /// Set when the source came from a prefix list (expanded or not).
    let prefixListKey: String?
}

/// Turns rule endpoints into grant sources, expanding each prefix list once.
struct EndpointResolver {
    let index: SnapshotIndex
    private var expandedLists: [String: [ResolvedEndpoint]] = [:]

    init(index: SnapshotIndex) {
        self.index = index
    }

    mutating func resolve(_ endpoint: RuleEndpoint, ruleGroup: String) -> [ResolvedEndpoint] {
        func single(_ source: GrantSource) -> [ResolvedEndpoint] {
            [ResolvedEndpoint(endpoint: endpoint, source: source, prefixListKey: nil)]
        }
        switch endpoint {
        case .cidr(let text):
            guard let cidr = CIDR(parsing: text) else { return single(.unknown("'\(text)' is not a valid CIDR")) }
            return single(.cidr(cidr))
        case .selfGroup:
            return single(.securityGroup(ruleGroup))
        case .securityGroup(let ref):
            guard let key = index.securityGroupKey(for: ref) else { return single(.unknown("security group \(ref)")) }
            return single(.securityGroup(key))
        case .prefixList(let ref):
            guard let text = ref.knownKey else { return single(.unknown("prefix list \(ref)")) }
            let key = index.prefixList(for: ref)?.key ?? text
            let expanded = expandedLists[key] ?? expand(ref, key: key)
            expandedLists[key] = expanded
            return expanded.map { ResolvedEndpoint(endpoint: endpoint, source: $0.source, prefixListKey: key) }
        case .unknown(let reason):
            return single(.unknown(reason))
        }
    }

    /// A list's valid entries as one source; each invalid entry, or unknown entries, as an unknown source.
    private func expand(_ ref: ObjectRef, key: String) -> [ResolvedEndpoint] {
        func resolved(_ source: GrantSource) -> ResolvedEndpoint {
            ResolvedEndpoint(endpoint: .prefixList(ref), source: source, prefixListKey: key)
        }
        guard let list = index.prefixList(for: ref) else {
            return [resolved(.unknown("prefix list '\(key)' is not in the snapshot, so its entries are unknown"))]
        }
        switch list.entries {
        case .unknown(let reason):
            return [resolved(.unknown("entries of prefix list '\(key)' are unknown: \(reason)"))]
        case .known(let entries):
            var cidrs: [CIDR] = []
            var result: [ResolvedEndpoint] = []
            for entry in entries {
                if let cidr = CIDR(parsing: entry) {
                    cidrs.append(cidr)
                } else {
                    result.append(resolved(.unknown("entry '\(entry)' of prefix list '\(key)' is not a valid CIDR")))
                }
            }
            return [resolved(.prefixList(key: key, cidrs: cidrs))] + result
        }
    }
}
