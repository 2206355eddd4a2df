import PerimeterModel

/// `aws_security_group` (with inline rules), `aws_security_group_rule`,
/// `aws_vpc_security_group_ingress_rule` / `_egress_rule`.
enum SecurityGroupMapping {
    typealias Rules = SecurityGroupRuleReading

    static func mapGroup(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        let key = instance.address
        var name = fields.string("name")
        if name == nil, case .known(let prefix)? = fields.string("name_prefix") {
            name = .unknown("the name is generated from name_prefix '\(prefix)'")
        }
        if instance.type == "aws_default_security_group" { name = name ?? .known("default") }
        context.snapshot.securityGroups.append(
            SecurityGroup(
                key: key, provenance: fields.provenance(), id: fields.string("id")?.value, name: name,
                vpc: fields.reference("vpc_id", to: .vpc)))

        for direction in [TrafficDirection.ingress, .egress] {
            for block in fields.blocks(direction.rawValue) {
                switch block {
                case .known(let rule):
                    context.snapshot.securityGroupRules.append(inlineRule(rule, group: .key(key), direction: direction))
                case .unknown(let reason, let path):
                    context.snapshot.securityGroupRules.append(
                        Rules.unknownRule(
                            instance, path: path, group: .key(key), direction: direction, reason: reason, context: context))
                }
            }
        }
    }

    /// One `ingress` / `egress` block: a single rule however many sources it lists.
    static func inlineRule(_ fields: Fields, group: ObjectRef, direction: TrafficDirection) -> SecurityGroupRule {
        let (ipProtocol, ports) = Rules.protocolAndPorts(fields, protocolField: "protocol")
        var endpoints = Rules.cidrs(fields, "cidr_blocks") + Rules.cidrs(fields, "ipv6_cidr_blocks")
        endpoints += fields.references("prefix_list_ids", to: .prefixList).map(RuleEndpoint.prefixList)
        endpoints += fields.references("security_groups", to: .securityGroup).map { Rules.securityGroupSource($0, group: group) }
        if let selfSource = Rules.selfSource(fields) { endpoints.append(selfSource) }
        return SecurityGroupRule(
            provenance: fields.provenance(), group: group, direction: direction, ipProtocol: ipProtocol,
            ports: ports, endpoints: endpoints, description: Rules.description(fields))
    }

    /// `aws_security_group_rule`.
    static func mapRule(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        guard let direction = Rules.direction(fields.string("type")) else {
            context.warn(
                "type must be \"ingress\" or \"egress\"; the rule cannot be placed and is left out",
                instance: instance, path: "type")
            return
        }
        let group =
            fields.reference("security_group_id", to: .securityGroup)
            ?? .unknown("\(instance.address): security_group_id is not set")
        let (ipProtocol, ports) = Rules.protocolAndPorts(fields, protocolField: "protocol")
        var endpoints = Rules.cidrs(fields, "cidr_blocks") + Rules.cidrs(fields, "ipv6_cidr_blocks")
        endpoints += fields.references("prefix_list_ids", to: .prefixList).map(RuleEndpoint.prefixList)
        if let source = fields.reference("source_security_group_id", to: .securityGroup) {
            endpoints.append(Rules.securityGroupSource(source, group: group))
        }
        if let selfSource = Rules.selfSource(fields) { endpoints.append(selfSource) }
        context.snapshot.securityGroupRules.append(
            SecurityGroupRule(
                provenance: fields.provenance(), group: group, direction: direction, ipProtocol: ipProtocol, ports: ports,
                endpoints: endpoints, description: Rules.description(fields)))
    }

    /// `aws_vpc_security_group_ingress_rule` and `aws_vpc_security_group_egress_rule`: one source each.
    static func mapVPCRule(_ instance: ResourceInstance, direction: TrafficDirection, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        let group =
            fields.reference("security_group_id", to: .securityGroup)
            ?? .unknown("\(instance.address): security_group_id is not set")
        let (ipProtocol, ports) = Rules.protocolAndPorts(fields, protocolField: "ip_protocol")
        var endpoints: [RuleEndpoint] = []
        if let cidr = Rules.cidr(fields, "cidr_ipv4") { endpoints.append(cidr) }
        if let cidr = Rules.cidr(fields, "cidr_ipv6") { endpoints.append(cidr) }
        if let source = fields.reference("referenced_security_group_id", to: .securityGroup) {
            endpoints.append(Rules.securityGroupSource(source, group: group))
        }
        if let prefixList = fields.reference("prefix_list_id", to: .prefixList) { endpoints.append(.prefixList(prefixList)) }
        context.snapshot.securityGroupRules.append(
            SecurityGroupRule(
                provenance: fields.provenance(), group: group, direction: direction, ipProtocol: ipProtocol, ports: ports,
                endpoints: endpoints, description: Rules.description(fields)))
    }

    /// `aws_ec2_managed_prefix_list` with its `entry` blocks.
    static func mapPrefixList(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        var entries: Resolved<[String]> = .known([])
        for block in fields.blocks("entry") {
            switch (block, entries) {
            case (.known(let entry), .known(let known)):
                switch entry.string("cidr") {
                case .known(let cidr)?: entries = .known(known + [cidr])
                case .unknown(let reason)?: entries = .unknown(reason)
                case nil: break
                }
            case (.unknown(let reason, _), .known):
                entries = .unknown(reason)
            default:
                break
            }
        }
        context.snapshot.prefixLists.append(
            PrefixList(
                key: instance.address, provenance: fields.provenance(),
                name: fields.string("name")?.value, entries: entries))
    }

    /// `aws_ec2_managed_prefix_list_entry`: adds one CIDR to its list.
    static func amendPrefixList(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        guard let list = fields.reference("prefix_list_id", to: .prefixList), let key = list.knownKey else { return }
        let cidr = fields.string("cidr") ?? .unknown("\(instance.address): cidr is not set")
        var position = context.snapshot.prefixLists.firstIndex { $0.key == key }
        if position == nil {
            context.snapshot.prefixLists.append(PrefixList(key: key, provenance: fields.provenance(), entries: .known([])))
            position = context.snapshot.prefixLists.count - 1
        }
        guard let position else { return }
        switch (context.snapshot.prefixLists[position].entries, cidr) {
        case (.known(let known), .known(let added)): context.snapshot.prefixLists[position].entries = .known(known + [added])
        case (.known, .unknown(let reason)): context.snapshot.prefixLists[position].entries = .unknown(reason)
        default: break
        }
    }
}
