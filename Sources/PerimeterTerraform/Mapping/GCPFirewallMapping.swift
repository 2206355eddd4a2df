import PerimeterModel

/// `google_compute_firewall`, with the provider's defaults: INGRESS, enabled, priority 1000.
enum GCPFirewallMapping {
    static func mapFirewall(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        var direction = TrafficDirection.ingress
        switch fields.string("direction") {
        case .known(let text)?:
            if let parsed = TrafficDirection(rawValue: text.lowercased()) {
                direction = parsed
            } else {
                context.warn("direction must be INGRESS or EGRESS, not '\(text)'", instance: instance, path: "direction")
            }
        case .unknown?:
            context.warn("direction is not known; the rule is read as INGRESS", instance: instance, path: "direction")
        case nil:
            break
        }
        context.snapshot.gcpFirewalls.append(
            GCPFirewall(
                key: instance.address, provenance: fields.provenance(),
                name: fields.string("name") ?? .unknown("\(instance.address): name is not set"),
                direction: direction,
                disabled: fields.bool("disabled") ?? .known(false),
                allowed: permissions(fields, "allow"), denied: permissions(fields, "deny"),
                sourceRanges: fields.strings("source_ranges") ?? .known([]),
                targetTags: fields.strings("target_tags") ?? .known([]),
                priority: fields.int("priority") ?? .known(1000),
                network: network(fields.reference("network", to: .gcpNetwork)),
                targetServiceAccounts: fields.strings("target_service_accounts")))
    }

    /// `network` is a name, a self link or a reference to a `google_compute_network`: links are cut to the name,
    /// so `"default"` and `".../global/networks/default"` are one network.
    private static func network(_ reference: ObjectRef?) -> ObjectRef? {
        guard case .external(let text)? = reference else { return reference }
        return .external(text.split(separator: "/").last.map(String.init) ?? text)
    }

    /// `allow` / `deny` blocks: a protocol and ports such as `"10250"` or `"10000-11000"`.
    private static func permissions(_ fields: Fields, _ name: String) -> [GCPFirewall.Permission] {
        fields.blocks(name).map { block in
            switch block {
            case .unknown(let reason, _):
                return GCPFirewall.Permission(ipProtocol: .unknown(reason), ports: .unknown(reason))
            case .known(let permission):
                return GCPFirewall.Permission(
                    ipProtocol: SecurityGroupRuleReading.ipProtocol(permission, "protocol"),
                    ports: ports(permission))
            }
        }
    }

    private static func ports(_ fields: Fields) -> Resolved<[PortRange]> {
        guard let texts = fields.strings("ports") else { return .known([]) }
        guard case .known(let list) = texts else { return texts.map { _ in [] } }
        var ranges: [PortRange] = []
        for text in list {
            guard let range = portRange(text) else {
                fields.context.warn(
                    "\(fields.path(of: "ports")) has '\(text)', which is not a port or a port range",
                    instance: fields.instance, path: fields.path(of: "ports"))
                return .unknown("port '\(text)' is not valid")
            }
            ranges.append(range)
        }
        return .known(ranges)
    }

    static func portRange(_ text: String) -> PortRange? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let port = Int(parts[0].trimmingSpaces) else { return nil }
            return PortRange(from: port, to: port)
        case 2:
            guard let low = Int(parts[0].trimmingSpaces), let high = Int(parts[1].trimmingSpaces) else { return nil }
            return PortRange(from: low, to: high)
        default:
            return nil
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
