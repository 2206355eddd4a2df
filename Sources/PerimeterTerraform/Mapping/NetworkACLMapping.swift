import PerimeterModel

/// `aws_network_acl` / `aws_default_network_acl` with inline `ingress` / `egress` entries, and
/// separate `aws_network_acl_rule` resources, which join the ACL they name.
enum NetworkACLMapping {
    static func mapACL(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        var entries: [NetworkACL.Entry] = []
        for direction in [TrafficDirection.ingress, .egress] {
            for block in fields.blocks(direction.rawValue) {
                switch block {
                case .known(let entry):
                    entries.append(self.entry(entry, direction: direction, number: "rule_no", action: "action"))
                case .unknown(let reason, let path):
                    entries.append(
                        NetworkACL.Entry(
                            provenance: context.provenance(instance, path: path), ruleNumber: .unknown(reason), direction: direction,
                            allow: .unknown(reason), ipProtocol: .unknown(reason), ports: .unknown(reason), cidr: .unknown(reason)))
                }
            }
        }
        var vpc = fields.reference("vpc_id", to: .vpc)
        if vpc == nil, case .unknown(let unknown)? = fields.value("default_network_acl_id"), let resource = unknown.resource,
            ResourceKind.vpc.types.contains(ResourceAddress.type(of: resource) ?? "")
        {
            vpc = .key(resource)
        }
        context.snapshot.networkACLs.append(
            NetworkACL(
                key: instance.address, provenance: fields.provenance(), vpc: vpc,
                subnets: fields.references("subnet_ids", to: .subnet), entries: entries))
    }

    /// `aws_network_acl_rule`.
    static func amendRule(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        let direction: TrafficDirection
        switch fields.bool("egress") {
        case .known(true)?: direction = .egress
        case .known(false)?, nil: direction = .ingress
        case .unknown?:
            context.warn("egress is not known; the rule cannot be placed and is left out", instance: instance, path: "egress")
            return
        }
        let entry = self.entry(fields, direction: direction, number: "rule_number", action: "rule_action")
        let acl = fields.reference("network_acl_id", to: .networkACL)
        let key = acl?.knownKey ?? instance.address
        if let position = context.snapshot.networkACLs.firstIndex(where: { $0.key == key }) {
            // A plan of an existing ACL lists this rule inline too; rule numbers are unique per direction.
            context.snapshot.networkACLs[position].entries.removeAll { inline in
                inline.provenance.resource == key && inline.direction == entry.direction
                    && inline.ruleNumber.isKnown && inline.ruleNumber == entry.ruleNumber
            }
            context.snapshot.networkACLs[position].entries.append(entry)
        } else {
            // The ACL is not declared here (an existing ACL by ID): it stands with only these entries.
            context.snapshot.networkACLs.append(NetworkACL(key: key, provenance: fields.provenance(), entries: [entry]))
        }
    }

    private static func entry(_ fields: Fields, direction: TrafficDirection, number: String, action: String) -> NetworkACL.Entry {
        let address = fields.instance.address
        let allow: Resolved<Bool>
        switch fields.string(action) {
        case .known(let text)?:
            switch text.lowercased() {
            case "allow": allow = .known(true)
            case "deny": allow = .known(false)
            default:
                fields.context.warn(
                    "\(fields.path(of: action)) must be \"allow\" or \"deny\", not '\(text)'",
                    instance: fields.instance, path: fields.path(of: action))
                allow = .unknown("action '\(text)' is not valid")
            }
        case .unknown(let reason)?: allow = .unknown(reason)
        case nil: allow = .unknown("\(address): \(fields.path(of: action)) is not set")
        }
        let (ipProtocol, ports) = SecurityGroupRuleReading.protocolAndPorts(fields, protocolField: "protocol")
        return NetworkACL.Entry(
            provenance: fields.provenance(),
            ruleNumber: fields.int(number) ?? .unknown("\(address): \(fields.path(of: number)) is not set"),
            direction: direction, allow: allow, ipProtocol: ipProtocol, ports: ports,
            cidr: fields.string("cidr_block") ?? fields.string("ipv6_cidr_block") ?? .unknown("\(address): no CIDR block is set"))
    }
}
