import PerimeterModel

/// GKE-004: a VPC firewall rule lets the internet reach the kubelet on 10250 or 10255.
public struct GKEFirewallOpensKubeletCheck: ReportsUndecided {
    public init() {}

    static let kubeletPorts = [10250, 10255]
    static let internet: Set<String> = ["0.0.0.0/0", "::/0"]

    public let description = CheckDescription(
        id: "GKE-004",
        slug: "gke-firewall-kubelet-open-to-internet",
        title: "Firewall rule allows the kubelet (10250/10255) from 0.0.0.0/0",
        severity: .critical,
        rationale: """
            GKE creates an exkubelet rule that denies 10255 from 0.0.0.0/0 and an inkubelet rule that allows it from \
            the pod range only. An ingress allow from 0.0.0.0/0 that covers 10250 or 10255 and is not shadowed by a \
            deny of higher precedence in the same VPC network (lower priority number; a deny wins a tie) for at least \
            the same targets (tags or service accounts) puts the kubelet on the internet wherever the rule's targets \
            are nodes. A rule without targets applies to every instance of its network, nodes included; a deny in \
            another network shadows nothing here.
            """,
        remediation: """
            Remove 0.0.0.0/0 from the rule or narrow its ports. Allow 10250 to nodes only from the control plane and \
            the pod range (the -inkubelet rule is a template), and deny it from the internet.
            """,
        terraformFix: """
            resource "google_compute_firewall" "kubelet" {
              source_ranges = [var.pod_cidr]   # not 0.0.0.0/0
              allow {
                protocol = "tcp"
                ports    = ["10250"]
              }
            }
            """,
        references: [Reference.gkeHardening, Reference.gkeFirewallRules, Reference.kubeletPorts],
        owasp: Reference.owaspNetworkSegmentation
    )

    public func run(_ context: CheckContext) -> [Finding] {
        let rules = context.snapshot.gcpFirewalls
        return rules.compactMap { rule in
            guard case .open(let reached, let priority) = verdict(rule, rules: rules) else { return nil }
            let ports = reached.keys.sorted()
            let sources = Set(reached.values.joined()).sorted()
            let name = Describe.name(rule.name, fallback: rule.provenance.resource)
            return finding(
                resource: rule.provenance.resource, location: rule.provenance.location,
                message:
                    "firewall rule '\(name)' allows tcp \(ports.map(String.init).joined(separator: ", ")) from \(sources.joined(separator: ", ")) to \(GKEFirewallPrecedence.describeTargets(rule))",
                evidence: [
                    priority.map { "priority \($0)" } ?? "priority unknown: open at any priority",
                    "allowed: \(rule.allowed.map(Self.describe).joined(separator: "; "))",
                    "no deny of the same network with a priority number of \(priority.map(String.init) ?? "any value") or lower covers these targets"
                ])
        }
    }

    enum Verdict {
        /// The internet sources that reach each kubelet port, at the rule's priority.
        /// The priority is nil when unknown (the rule is open at every priority).
        case open([Int: [String]], priority: Int?)
        case closed
        /// The value that decides is unknown.
        case undecided(String)
    }

    /// One rule's verdict. Each unknown is weighed against what is known: an unknown that cannot open the
    /// rule (a rule that covers no kubelet port, or one shadowed whatever it holds) leaves it decided.
    func verdict(_ rule: GCPFirewall, rules: [GCPFirewall]) -> Verdict {
        guard rule.direction == .ingress, rule.disabled != .known(true) else { return .closed }
        let coverage = Self.kubeletPorts.map { port in (port, rule.allowed.map { Self.covers($0, port: port) }) }
        let covered = coverage.filter { $0.1.contains(true) }.map(\.0)
        let maybe = coverage.filter { !$0.1.contains(true) && $0.1.contains(nil) }.map(\.0)
        if covered.isEmpty && maybe.isEmpty { return .closed }
        let ranges: [String]
        switch rule.sourceRanges {
        case .known(let known): ranges = known
        case .unknown(let why): return .undecided("source_ranges is unknown: \(why)")
        }
        let open = ranges.filter(Self.internet.contains)
        guard !open.isEmpty else { return .closed }
        // An unknown priority: open if open even at the lowest precedence, closed if closed even at the highest.
        let priorities: [Int]
        switch rule.priority {
        case .known(let priority): priorities = [priority]
        case .unknown: priorities = [Int.max, Int.min]
        }
        var reached: [Int: [String]] = [:]
        var doubt: String?
        for port in covered + maybe {
            for source in open {
                let outcomes = priorities.map {
                    GKEFirewallPrecedence.outcome(of: rule, priority: $0, source: source, port: port, rules: rules)
                }
                if outcomes.first == .open {
                    if covered.contains(port) {
                        reached[port, default: []].append(source)
                    } else {
                        doubt = doubt ?? Self.unknownPermission(rule)
                    }
                } else if outcomes.contains(where: { if case .shadowed = $0 { false } else { true } }) {
                    if case .unknown(let why)? = outcomes.first(where: { if case .unknown = $0 { true } else { false } }) {
                        doubt = doubt ?? why
                    } else if case .unknown(let why) = rule.priority {
                        doubt = doubt ?? "priority is unknown: \(why)"
                    }
                }
            }
        }
        if !reached.isEmpty {
            if case .unknown(let why) = rule.disabled { return .undecided("disabled is unknown: \(why)") }
            return .open(reached, priority: rule.priority.value)
        }
        return doubt.map(Verdict.undecided) ?? .closed
    }

    /// Whether a permission covers tcp `port`: nil when that cannot be known.
    static func covers(_ permission: GCPFirewall.Permission, port: Int) -> Bool? {
        guard case .known(let ipProtocol) = permission.ipProtocol, case .known(let ranges) = permission.ports else { return nil }
        guard ipProtocol == .all || ipProtocol == .tcp else { return false }
        return ranges.isEmpty || ranges.contains { $0.contains(port) }
    }

    /// The unknown protocol or ports of the first allow block whose coverage is unknown.
    static func unknownPermission(_ rule: GCPFirewall) -> String {
        for permission in rule.allowed {
            if let reason = UnknownValue.reason(permission.ipProtocol, "allow.protocol")
                ?? UnknownValue.reason(permission.ports, "allow.ports")
            {
                return reason
            }
        }
        return "the protocol or ports of an allow block are unknown"
    }

    private static func describe(_ permission: GCPFirewall.Permission) -> String {
        let proto = permission.ipProtocol.value.map(\.description) ?? "?"
        let ports = permission.ports.value.map { $0.isEmpty ? "all ports" : $0.map(\.description).joined(separator: ",") } ?? "?"
        return "\(proto) \(ports)"
    }
}

extension GKEFirewallOpensKubeletCheck {
    /// Ingress rules whose verdict hangs on an unknown source range, protocol, port, priority, or a deny's unknown values.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        let rules = context.snapshot.gcpFirewalls
        return rules.compactMap { rule in
            guard case .undecided(let reason) = verdict(rule, rules: rules) else { return nil }
            return undecided(on: rule.provenance, because: reason)
        }
    }
}
