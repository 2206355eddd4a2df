import PerimeterKubelet
import PerimeterModel
import Yams

/// One rule of `gcloud compute firewall-rules list --format=json`.
enum GCloudFirewall {
    static func read(_ item: Node, file: String) -> GCPFirewall {
        let nameNode = MarkedYAML.entry(item, "name")
        let name = nameNode?.value.scalarText ?? "unnamed"
        let direction: TrafficDirection = MarkedYAML.value(item, "direction")?.scalarText?.uppercased() == "EGRESS" ? .egress : .ingress
        return GCPFirewall(
            key: "gcp-firewall:\(name)",
            provenance: Provenance(resource: name, location: MarkedYAML.location(nameNode?.key ?? item, file: file), origin: .gke),
            name: .known(name), direction: direction,
            disabled: .known(MarkedYAML.value(item, "disabled")?.scalarText == "true"),
            allowed: permissions(MarkedYAML.value(item, "allowed")), denied: permissions(MarkedYAML.value(item, "denied")),
            sourceRanges: ranges(MarkedYAML.value(item, "sourceRanges")),
            targetTags: .known(strings(MarkedYAML.value(item, "targetTags"))),
            priority: priority(MarkedYAML.value(item, "priority")),
            network: MarkedYAML.value(item, "network")?.scalarText.map { .external(networkName($0)) },
            targetServiceAccounts: .known(strings(MarkedYAML.value(item, "targetServiceAccounts"))))
    }

    /// `https://www.googleapis.com/compute/v1/projects/P/global/networks/NAME` → NAME (a bare name stays as it is).
    /// Firewall rules live in one project's VPC, so the name tells the networks of one listing apart.
    static func networkName(_ text: String) -> String {
        text.split(separator: "/").last.map(String.init) ?? text
    }

    private static func strings(_ node: Node?) -> [String] {
        // A string where a list belongs is that one item, as gcloud's own parser reads a one-value list flag.
        if case .scalar(let scalar)? = node, !["", "null", "Null", "NULL", "~"].contains(scalar.string) {
            return [scalar.string]
        }
        return node?.sequenceItems.compactMap(\.scalarText) ?? []
    }

    /// Source ranges GCP would accept; one that is not a CIDR leaves the rule's sources unknown (its check
    /// undecided) rather than dropped or read as another range.
    private static func ranges(_ node: Node?) -> Resolved<[String]> {
        let ranges = strings(node)
        if let bad = ranges.first(where: { CIDR(strictly: $0) == nil }) {
            return .unknown("sourceRanges '\(bad)' is not a CIDR block")
        }
        return .known(ranges)
    }

    /// Values GCP would reject, each a warning at its position; the rule is kept with that value unknown.
    static func warnings(_ item: Node, file: String) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        if let entry = MarkedYAML.entry(item, "sourceRanges") {
            let items = entry.value.sequenceItems.isEmpty ? [entry.value] : entry.value.sequenceItems
            for range in items {
                guard let text = range.scalarText, !["", "null", "Null", "NULL", "~"].contains(text) || entry.value.sequenceItems.count > 0,
                    CIDR(strictly: text) == nil
                else { continue }
                warnings.append(
                    .warning(
                        "sourceRanges '\(text)' is not a CIDR block; the rule's sources are left undecided",
                        at: MarkedYAML.location(range, file: file)))
            }
        }
        if let entry = MarkedYAML.entry(item, "priority"), case .unknown(let reason) = priority(entry.value) {
            warnings.append(.warning(reason, at: MarkedYAML.location(entry.value, file: file)))
        }
        return warnings
    }

    /// 0 to 65535, 1000 when absent.
    private static func priority(_ node: Node?) -> Resolved<Int> {
        guard let node else { return .known(1000) }
        guard let value = node.scalarText.flatMap({ Int($0) }), (0...65535).contains(value) else {
            return .unknown("priority '\(node.scalarText ?? "?")' is not 0 to 65535")
        }
        return .known(value)
    }

    private static func permissions(_ node: Node?) -> [GCPFirewall.Permission] {
        (node?.sequenceItems ?? []).map { permission in
            let text = MarkedYAML.value(permission, "IPProtocol")?.scalarText ?? "all"
            let ipProtocol: Resolved<IPProtocol> = IPProtocol(parsing: text).map { .known($0) } ?? namedProtocol(text)
            var ranges: [PortRange] = []
            for port in strings(MarkedYAML.value(permission, "ports")) {
                let bounds = port.split(separator: "-").compactMap { Int($0) }
                guard let low = bounds.first else {
                    return GCPFirewall.Permission(ipProtocol: ipProtocol, ports: .unknown("port '\(port)' is not valid"))
                }
                ranges.append(PortRange(from: low, to: bounds.last ?? low))
            }
            return GCPFirewall.Permission(ipProtocol: ipProtocol, ports: .known(ranges))
        }
    }

    /// GCP also names esp, ah and sctp; none of them carries the kubelet's TCP ports.
    private static func namedProtocol(_ text: String) -> Resolved<IPProtocol> {
        switch text.lowercased() {
        case "esp": .known(.number(50))
        case "ah": .known(.number(51))
        case "sctp": .known(.number(132))
        default: .unknown("protocol '\(text)' is not known")
        }
    }
}
