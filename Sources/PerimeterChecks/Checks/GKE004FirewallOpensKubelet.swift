import PerimeterModel

/// GKE-004: a VPC firewall rule lets the internet reach the kubelet on 10250 or 10255.
public struct GKEFirewallOpensKubeletCheck: Check {
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
            guard rule.direction == .ingress, rule.disabled == .known(false),
                case .known(let ranges) = rule.sourceRanges, case .known(let priority) = rule.priority
            else { return nil }
            let open = ranges.filter(Self.internet.contains)
            guard !open.isEmpty else { return nil }
            var reached: [Int: [String]] = [:]
            for port in Self.kubeletPorts where rule.allowed.contains(where: { Self.covers($0, port: port) == true }) {
                for source in open
                where GKEFirewallPrecedence.outcome(
                    of: rule, priority: priority, source: source, port: port,
                    rules: rules) == .open
                {
                    reached[port, default: []].append(source)
                }
            }
            guard !reached.isEmpty else { return nil }
            let ports = reached.keys.sorted()
            let sources = Set(reached.values.joined()).sorted()
            let name = Describe.name(rule.name, fallback: rule.provenance.resource)
            return finding(
                resource: rule.provenance.resource, location: rule.provenance.location,
                message:
                    "firewall rule '\(name)' allows tcp \(ports.map(String.init).joined(separator: ", ")) from \(sources.joined(separator: ", ")) to \(GKEFirewallPrecedence.describeTargets(rule))",
                evidence: [
                    "priority \(priority)", "allowed: \(rule.allowed.map(Self.describe).joined(separator: "; "))",
                    "no deny of the same network with a priority number of \(priority) or lower covers these targets"
                ])
        }
    }

    /// Whether a permission covers tcp `port`: nil when that cannot be known.
    static func covers(_ permission: GCPFirewall.Permission, port: Int) -> Bool? {
        guard case .known(let ipProtocol) = permission.ipProtocol, case .known(let ranges) = permission.ports else { return nil }
        guard ipProtocol == .all || ipProtocol == .tcp else { return false }
        return ranges.isEmpty || ranges.contains { $0.contains(port) }
    }

    private static func describe(_ permission: GCPFirewall.Permission) -> String {
        let proto = permission.ipProtocol.value.map(\.description) ?? "?"
        let ports = permission.ports.value.map { $0.isEmpty ? "all ports" : $0.map(\.description).joined(separator: ",") } ?? "?"
        return "\(proto) \(ports)"
    }
}
