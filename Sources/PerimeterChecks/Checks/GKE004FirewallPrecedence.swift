import PerimeterModel

/// How GCP decides between VPC firewall rules for one packet: only rules of the instance's own network
/// apply; the lowest priority number wins and a deny wins a tie; a rule reaches the instances named by its
/// target tags or target service accounts, or every instance of the network when it names neither.
enum GKEFirewallPrecedence {
    enum Outcome: Equatable {
        case open
        case shadowed(by: String)
        /// Some deny may take precedence, but a value it depends on is unknown.
        case unknown(String)
    }

    /// Whether the internet range `source` still reaches tcp `port` through `allow`, given every rule.
    static func outcome(of allow: GCPFirewall, priority: Int, source: String, port: Int, rules: [GCPFirewall]) -> Outcome {
        var doubt: String?
        for deny in rules where deny.key != allow.key {
            switch shadows(deny, allow: allow, priority: priority, source: source, port: port) {
            case true?: return .shadowed(by: Describe.name(deny.name, fallback: deny.provenance.resource))
            case nil:
                doubt = doubt ?? "whether '\(Describe.name(deny.name, fallback: deny.provenance.resource))' takes precedence is unknown"
            case false?: continue
            }
        }
        return doubt.map(Outcome.unknown) ?? .open
    }

    /// true: `deny` blocks this traffic before `allow` is reached, for every instance `allow` targets; nil: cannot be known.
    static func shadows(_ deny: GCPFirewall, allow: GCPFirewall, priority: Int, source: String, port: Int) -> Bool? {
        guard deny.direction == .ingress, deny.disabled != .known(true) else { return false }
        let denies = deny.denied.map { GKEFirewallOpensKubeletCheck.covers($0, port: port) }
        guard denies.contains(where: { $0 != false }) else { return false }
        var certain = denies.contains(true) && deny.disabled == .known(false)
        switch sameNetwork(deny.network, allow.network) {
        case false?: return false
        case nil: certain = false
        case true?: break
        }
        switch deny.priority {
        case .known(let denyPriority):
            // Lower number, higher precedence; at the same priority the deny wins.
            guard denyPriority <= priority else { return false }
        case .unknown:
            certain = false
        }
        switch deny.sourceRanges {
        case .known(let ranges):
            guard ranges.contains(source) else { return false }
        case .unknown:
            certain = false
        }
        switch coversTargets(deny, of: allow) {
        case false?: return false
        case nil: certain = false
        case true?: break
        }
        return certain ? true : nil
    }

    /// Rules of older snapshots carry no network: two such rules are read as one network.
    static func sameNetwork(_ a: ObjectRef?, _ b: ObjectRef?) -> Bool? {
        switch (a, b) {
        case (nil, nil): return true
        case (.unknown?, _), (_, .unknown?): return nil
        case (let a?, let b?): return a.knownKey == b.knownKey
        default: return nil
        }
    }

    /// Whether every instance `allow` reaches is also one `deny` reaches.
    static func coversTargets(_ deny: GCPFirewall, of allow: GCPFirewall) -> Bool? {
        guard let denyTargets = targets(deny), let allowTargets = targets(allow) else { return nil }
        switch (denyTargets, allowTargets) {
        case (.all, _): return true
        case (_, .all): return false
        case (.tags(let denied), .tags(let allowed)), (.serviceAccounts(let denied), .serviceAccounts(let allowed)):
            return allowed.isSubset(of: denied)
        default: return false
        }
    }

    enum Targets: Equatable {
        case all
        case tags(Set<String>)
        case serviceAccounts(Set<String>)
    }

    /// nil when the rule's targets are unknown.
    static func targets(_ rule: GCPFirewall) -> Targets? {
        guard case .known(let tags) = rule.targetTags else { return nil }
        let accounts: [String]
        switch rule.targetServiceAccounts {
        case .known(let list)?: accounts = list
        case nil: accounts = []
        case .unknown?: return nil
        }
        if !tags.isEmpty { return .tags(Set(tags)) }
        if !accounts.isEmpty { return .serviceAccounts(Set(accounts)) }
        return .all
    }

    static func describeTargets(_ rule: GCPFirewall) -> String {
        let network = rule.network?.knownKey.map { " of network '\($0)'" } ?? ""
        switch targets(rule) {
        case .all?: return "every instance\(network)"
        case .tags(let tags)?: return "tags \(tags.sorted().joined(separator: ", "))\(network)"
        case .serviceAccounts(let accounts)?: return "service accounts \(accounts.sorted().joined(separator: ", "))\(network)"
        case nil: return "unknown targets\(network)"
        }
    }
}
