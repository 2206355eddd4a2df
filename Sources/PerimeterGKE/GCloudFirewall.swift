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
            sourceRanges: .known(strings(MarkedYAML.value(item, "sourceRanges"))),
            targetTags: .known(strings(MarkedYAML.value(item, "targetTags"))),
            priority: .known(MarkedYAML.value(item, "priority")?.scalarText.flatMap { Int($0) } ?? 1000),
            network: MarkedYAML.value(item, "network")?.scalarText.map { .external(networkName($0)) },
            targetServiceAccounts: .known(strings(MarkedYAML.value(item, "targetServiceAccounts"))))
    }

    /// `https://www.googleapis.com/compute/v1/projects/P/global/networks/NAME` → NAME (a bare name stays as it is).
    /// Firewall rules live in one project's VPC, so the name tells the networks of one listing apart.
    static func networkName(_ text: String) -> String {
        text.split(separator: "/").last.map(String.init) ?? text
    }

    private static func strings(_ node: Node?) -> [String] {
        node?.sequenceItems.compactMap(\.scalarText) ?? []
    }

    private static func permissions(_ node: Node?) -> [GCPFirewall.Permission] {
        (node?.sequenceItems ?? []).map { permission in
            let text = MarkedYAML.value(permission, "IPProtocol")?.scalarText ?? "all"
            let ipProtocol: Resolved<IPProtocol> = IPProtocol(parsing: text).map { .known($0) } ?? namedProtocol(text)
            var ranges: [PortRange] = []
            for port in strings(MarkedYAML.value(permission, "ports")) {
                let bounds = port.split(separator: "-").compactMap { Int($0) }
                guard let low = bounds.first else { return GCPFirewall.Permission(ipProtocol: ipProtocol, ports: .unknown("port '\(port)' is not valid")) }
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
