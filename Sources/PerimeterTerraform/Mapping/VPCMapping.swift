import PerimeterModel

/// `aws_vpc`, `aws_subnet`, `aws_route_table` (with inline routes), `aws_route` and
/// `aws_route_table_association`.
enum VPCMapping {
    static func mapVPC(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        let cidrBlocks: Resolved<[String]>
        switch fields.string("cidr_block") {
        case .known(let cidr)?: cidrBlocks = .known([cidr])
        case .unknown(let reason)?: cidrBlocks = .unknown(reason)
        case nil:
            cidrBlocks =
                fields.value("ipv4_ipam_pool_id") != nil
                ? .unknown("\(instance.address): the CIDR block is allocated from an IPAM pool") : .known([])
        }
        // Provider defaults: DNS resolution on, DNS hostnames off (on for the default VPC).
        let defaultHostnames = instance.type == "aws_default_vpc"
        context.snapshot.vpcs.append(
            VPC(
                key: instance.address, provenance: fields.provenance(), id: fields.string("id")?.value, cidrBlocks: cidrBlocks,
                ipv6CidrBlocks: fields.string("ipv6_cidr_block")?.value.map { [$0] } ?? [],
                enableDnsSupport: fields.bool("enable_dns_support") ?? .known(true),
                enableDnsHostnames: fields.bool("enable_dns_hostnames") ?? .known(defaultHostnames)))
    }

    static func mapSubnet(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        context.snapshot.subnets.append(
            Subnet(
                key: instance.address, provenance: fields.provenance(), id: fields.string("id")?.value,
                vpc: fields.reference("vpc_id", to: .vpc) ?? .unknown("\(instance.address): vpc_id is not set"),
                cidrBlock: fields.string("cidr_block"),
                mapPublicIPOnLaunch: fields.bool("map_public_ip_on_launch") ?? .known(instance.type == "aws_default_subnet")))
    }

    static func mapRouteTable(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        let key = instance.address
        let vpc =
            fields.reference("vpc_id", to: .vpc) ?? defaultRouteTableVPC(fields)
            ?? .unknown("\(instance.address): vpc_id is not set")
        context.snapshot.routeTables.append(
            RouteTable(
                key: key, provenance: fields.provenance(),
                id: fields.string("id")?.value, vpc: vpc))
        for block in fields.blocks("route") {
            switch block {
            case .known(let route):
                guard
                    let destination = destination(
                        route, cidr: "cidr_block", ipv6: "ipv6_cidr_block",
                        prefixList: "destination_prefix_list_id")
                else { continue }
                context.snapshot.routes.append(
                    Route(
                        provenance: route.provenance(), routeTable: .key(key),
                        destination: destination, target: target(route)))
            case .unknown(let reason, let path):
                context.snapshot.routes.append(
                    Route(
                        provenance: context.provenance(instance, path: path), routeTable: .key(key),
                        destination: .unknown(reason), target: .unknown(reason)))
            }
        }
    }

    /// `aws_default_route_table` names its VPC only through the default route table ID.
    private static func defaultRouteTableVPC(_ fields: Fields) -> ObjectRef? {
        guard fields.instance.type == "aws_default_route_table",
            case .unknown(let unknown)? = fields.value("default_route_table_id"),
            let resource = unknown.resource, ResourceKind.vpc.types.contains(ResourceAddress.type(of: resource) ?? "")
        else {
            return nil
        }
        return .key(resource)
    }

    static func mapRoute(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        let destination =
            destination(
                fields, cidr: "destination_cidr_block", ipv6: "destination_ipv6_cidr_block",
                prefixList: "destination_prefix_list_id")
            ?? .unknown("\(instance.address): no destination is set")
        let table = fields.reference("route_table_id", to: .routeTable) ?? .unknown("\(instance.address): route_table_id is not set")
        context.snapshot.routes.append(
            Route(
                provenance: fields.provenance(), routeTable: table, destination: destination,
                target: target(fields)))
    }

    private static func destination(_ fields: Fields, cidr: String, ipv6: String, prefixList: String) -> Resolved<String>? {
        fields.string(cidr) ?? fields.string(ipv6) ?? fields.string(prefixList)
    }

    /// The first target attribute that is set, inline or in `aws_route`.
    static func target(_ fields: Fields) -> Route.Target {
        let targets: [(String, ResourceKind, (ObjectRef) -> Route.Target)] = [
            ("vpc_peering_connection_id", .peeringConnection, Route.Target.peeringConnection),
            ("transit_gateway_id", .transitGateway, Route.Target.transitGateway),
            ("nat_gateway_id", .natGateway, Route.Target.natGateway),
            ("network_interface_id", .networkInterface, Route.Target.networkInterface),
            ("instance_id", .instance, Route.Target.instance)
        ]
        for (name, kind, target) in targets {
            if let ref = fields.reference(name, to: kind) { return target(ref) }
        }
        if let gateway = fields.value("gateway_id") {
            switch gateway {
            case .string("local"): return .local
            case .string(let id) where id.hasPrefix("igw-"): return .internetGateway(.external(id))
            case .string(let id): return .other(id)
            case .unknown(let unknown):
                guard let ref = fields.reference("gateway_id", to: .internetGateway) else { return .unknown(unknown.reason) }
                if case .unknown(let reason) = ref {
                    return unknown.resource.map { .other($0) } ?? .unknown(reason)
                }
                return .internetGateway(ref)
            default:
                return .unknown(fields.string("gateway_id")?.value ?? "gateway_id has a value of the wrong type")
            }
        }
        for name in ["egress_only_gateway_id", "carrier_gateway_id", "local_gateway_id", "vpc_endpoint_id", "core_network_arn"] {
            switch fields.string(name) {
            case .known(let id)?: return .other(id)
            case .unknown(let reason)?: return .unknown(reason)
            case nil: continue
            }
        }
        return .unknown("\(fields.instance.address): the route has no target")
    }

    /// `aws_route_table_association`: adds the subnet to its route table.
    static func amendRouteTableAssociation(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        guard let table = fields.reference("route_table_id", to: .routeTable)?.knownKey,
            let subnet = fields.reference("subnet_id", to: .subnet),
            let position = context.snapshot.routeTables.firstIndex(where: { $0.key == table || $0.id == table })
        else { return }
        context.snapshot.routeTables[position].subnets.append(subnet)
    }
}
