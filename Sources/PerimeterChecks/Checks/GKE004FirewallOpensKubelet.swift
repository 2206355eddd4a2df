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
            deny of higher precedence (lower priority number; a deny wins a tie) puts the kubelet on the internet \
            wherever the rule's targets are nodes. A rule without target tags applies to every instance, nodes included.
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
        references: [Reference.gkeReadOnlyPortSourceDocument, Reference.gkeFirewallRules, Reference.kubeletPorts],
        owasp: Reference.owaspNetworkSegmentation
    )

    public func run(_ context: CheckContext) -> [Finding] {
        let rules = context.snapshot.gcpFirewalls
        return rules.compactMap { rule in
            guard rule.direction == .ingress, rule.disabled == .known(false),
                  case .known(let ranges) = rule.sourceRanges, case .known(let priority) = rule.priority else { return nil }
            let open = ranges.filter(Self.internet.contains)
            guard !open.isEmpty else { return nil }
            let ports = Self.kubeletPorts.filter { port in
                rule.allowed.contains { Self.covers($0, port: port) == true }
                    && !rules.contains { Self.shadows($0, rule: rule, priority: priority, port: port) }
            }
            guard !ports.isEmpty else { return nil }
            let name = Describe.name(rule.name, fallback: rule.provenance.resource)
            let targets = rule.targetTags.value.map { $0.isEmpty ? "every instance in the network" : "tags \($0.joined(separator: ", "))" } ?? "unknown targets"
            return finding(resource: rule.provenance.resource, location: rule.provenance.location,
                           message: "firewall rule '\(name)' allows tcp \(ports.map(String.init).joined(separator: ", ")) from \(open.joined(separator: ", ")) to \(targets)",
                           evidence: ["priority \(priority)", "allowed: \(rule.allowed.map(Self.describe).joined(separator: "; "))"])
        }
    }

    /// Whether a permission covers tcp `port`: nil when that cannot be known.
    static func covers(_ permission: GCPFirewall.Permission, port: Int) -> Bool? {
        guard case .known(let ipProtocol) = permission.ipProtocol, case .known(let ranges) = permission.ports else { return nil }
        guard ipProtocol == .all || ipProtocol == .tcp else { return false }
        return ranges.isEmpty || ranges.contains { $0.contains(port) }
    }

    /// A deny rule that takes precedence for the same internet sources and at least the same targets.
    private static func shadows(_ deny: GCPFirewall, rule: GCPFirewall, priority: Int, port: Int) -> Bool {
        guard deny.direction == .ingress, deny.disabled == .known(false), case .known(let denyPriority) = deny.priority,
              denyPriority <= priority, case .known(let ranges) = deny.sourceRanges,
              deny.denied.contains(where: { covers($0, port: port) == true }) else { return false }
        guard ranges.contains("0.0.0.0/0") else { return false }
        guard case .known(let denyTargets) = deny.targetTags, case .known(let ruleTargets) = rule.targetTags else { return false }
        return denyTargets.isEmpty || (!ruleTargets.isEmpty && Set(ruleTargets).isSubset(of: Set(denyTargets)))
    }

    private static func describe(_ permission: GCPFirewall.Permission) -> String {
        let proto = permission.ipProtocol.value.map(\.description) ?? "?"
        let ports = permission.ports.value.map { $0.isEmpty ? "all ports" : $0.map(\.description).joined(separator: ",") } ?? "?"
        return "\(proto) \(ports)"
    }
}
