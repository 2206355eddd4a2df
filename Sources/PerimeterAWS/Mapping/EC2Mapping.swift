import Foundation
import PerimeterModel

/// EC2 Describe items (XML) → snapshot objects. Pure: the resource of every object is its EC2 ID.
enum EC2Mapping {
    static func provenance(_ id: String) -> Provenance { Provenance(resource: id, origin: .aws) }

    static func tags(_ item: XMLElement) -> [String: String] {
        var tags: [String: String] = [:]
        for tag in item.list("tagSet") {
            if let key = tag.string("key") { tags[key] = tag.string("value") ?? "" }
        }
        return tags
    }

    // MARK: Security groups

    /// A group and its rules, one rule per permission (its sources together). `clusterOwners` maps the
    /// cluster security group IDs EKS reports to their cluster's key.
    static func securityGroup(_ item: XMLElement, clusterOwners: [String: String]) -> (SecurityGroup, [SecurityGroupRule])? {
        guard let id = item.string("groupId") else { return nil }
        let owner = clusterOwners[id]
        let group = SecurityGroup(
            key: id, provenance: provenance(id), id: id, name: item.string("groupName").map { .known($0) },
            vpc: item.string("vpcId").map { .key($0) },
            role: owner == nil ? .ordinary : .eksClusterSecurityGroup, ownerCluster: owner)
        var rules: [SecurityGroupRule] = []
        for (listName, direction) in [("ipPermissions", TrafficDirection.ingress), ("ipPermissionsEgress", .egress)] {
            for permission in item.list(listName) {
                if let rule = rule(permission, group: id, direction: direction) { rules.append(rule) }
            }
        }
        return (group, rules)
    }

    static func rule(_ permission: XMLElement, group: String, direction: TrafficDirection) -> SecurityGroupRule? {
        let protocolText = permission.string("ipProtocol") ?? "-1"
        let ipProtocol: Resolved<IPProtocol> =
            IPProtocol(parsing: protocolText).map { .known($0) }
            ?? .unknown("EC2 reported protocol '\(protocolText)'")
        var endpoints: [RuleEndpoint] = []
        var descriptions: [String] = []
        func note(_ element: XMLElement) {
            if let text = element.string("description"), !text.isEmpty, !descriptions.contains(text) { descriptions.append(text) }
        }
        for range in permission.list("ipRanges") {
            if let cidr = range.string("cidrIp") {
                endpoints.append(.cidr(cidr))
                note(range)
            }
        }
        for range in permission.list("ipv6Ranges") {
            if let cidr = range.string("cidrIpv6") {
                endpoints.append(.cidr(cidr))
                note(range)
            }
        }
        for pair in permission.list("groups") {
            guard let source = pair.string("groupId") else { continue }
            endpoints.append(source == group ? .selfGroup : .securityGroup(.key(source)))
            note(pair)
        }
        for list in permission.list("prefixListIds") {
            if let id = list.string("prefixListId") {
                endpoints.append(.prefixList(.key(id)))
                note(list)
            }
        }
        guard !endpoints.isEmpty else { return nil }
        return SecurityGroupRule(
            provenance: provenance(group), group: .key(group), direction: direction,
            ipProtocol: ipProtocol, ports: .known(ports(permission, ipProtocol: ipProtocol.value)),
            endpoints: endpoints, description: descriptions.isEmpty ? nil : descriptions.joined(separator: "; "))
    }

    /// All protocols and ICMP ignore ports; `-1` or a missing port means every port.
    static func ports(_ permission: XMLElement, ipProtocol: IPProtocol?) -> PortRange {
        switch ipProtocol {
        case .all?, .icmp?, .icmpv6?: return .all
        default: break
        }
        guard let from = permission.int("fromPort"), let to = permission.int("toPort"), from >= 0, to >= 0 else { return .all }
        return PortRange(from: from, to: to)
    }

    // MARK: Instances and interfaces

    /// Instances of the reservations; terminated ones are left out.
    static func instances(reservations: [XMLElement]) -> [Instance] {
        reservations.flatMap { $0.list("instancesSet") }.compactMap(instance)
    }

    static func instance(_ item: XMLElement) -> Instance? {
        guard let id = item.string("instanceId") else { return nil }
        let state = item["instanceState"]?.string("name")
        if state == "terminated" || state == "shutting-down" { return nil }
        var groups = item.list("groupSet").compactMap { $0.string("groupId") }
        // Every interface's groups count: a secondary ENI may carry another group.
        for interface in item.list("networkInterfaceSet") {
            for group in interface.list("groupSet").compactMap({ $0.string("groupId") }) where !groups.contains(group) {
                groups.append(group)
            }
        }
        return Instance(
            key: id, provenance: provenance(id), id: id, securityGroups: groups.map { .key($0) },
            subnet: item.string("subnetId").map { .key($0) },
            sourceDestCheck: item.bool("sourceDestCheck").map { .known($0) },
            metadataOptions: item["metadataOptions"].map(metadataOptions),
            privateIP: item.string("privateIpAddress"), publicIP: item.string("ipAddress"), tags: tags(item))
    }

    static func metadataOptions(_ element: XMLElement) -> MetadataOptions {
        MetadataOptions(
            httpTokens: element.string("httpTokens").map { .known($0) },
            httpEndpoint: element.string("httpEndpoint").map { .known($0) },
            hopLimit: element.int("httpPutResponseHopLimit").map { .known($0) })
    }

    static func networkInterface(_ item: XMLElement) -> NetworkInterface? {
        guard let id = item.string("networkInterfaceId") else { return nil }
        return NetworkInterface(
            key: id, provenance: provenance(id),
            securityGroups: item.list("groupSet").compactMap { $0.string("groupId") }.map { .key($0) },
            instance: item["attachment"]?.string("instanceId").map { .key($0) },
            interfaceType: item.string("interfaceType"), description: item.string("description"),
            privateIPs: item.list("privateIpAddressesSet").compactMap { $0.string("privateIpAddress") })
    }

    /// One launch template version, as the node group or ASG launches it.
    static func launchTemplate(_ item: XMLElement) -> LaunchTemplate? {
        guard let id = item.string("launchTemplateId") else { return nil }
        let data = item["launchTemplateData"]
        var groups = data?.list("securityGroupIdSet").map(\.text) ?? []
        for interface in data?.list("networkInterfaceSet") ?? [] {
            let ids = interface.list("groupSet").map { $0.string("groupId") ?? $0.text }
            for group in ids where !group.isEmpty && !groups.contains(group) { groups.append(group) }
        }
        let userData = data?.string("userData").flatMap { Data(base64Encoded: $0) }.flatMap { String(data: $0, encoding: .utf8) }
        return LaunchTemplate(
            key: id, provenance: provenance(id), id: id, name: item.string("launchTemplateName").map { .known($0) },
            securityGroups: groups.map { .key($0) }, setsSecurityGroups: .known(!groups.isEmpty),
            metadataOptions: data?["metadataOptions"].map(metadataOptions),
            userData: userData.map { .known($0) }, tags: [:], version: item.string("versionNumber"))
    }

    // MARK: Networks

    static func vpc(_ item: XMLElement) -> VPC? {
        guard let id = item.string("vpcId") else { return nil }
        var cidrs = item.list("cidrBlockAssociationSet")
            .filter { ($0["cidrBlockState"]?.string("state") ?? "associated") == "associated" }
            .compactMap { $0.string("cidrBlock") }
        if cidrs.isEmpty, let primary = item.string("cidrBlock") { cidrs = [primary] }
        let ipv6 = item.list("ipv6CidrBlockAssociationSet").compactMap { $0.string("ipv6CidrBlock") }
        return VPC(key: id, provenance: provenance(id), id: id, cidrBlocks: .known(cidrs), ipv6CidrBlocks: ipv6)
    }

    static func subnet(_ item: XMLElement) -> Subnet? {
        guard let id = item.string("subnetId"), let vpc = item.string("vpcId") else { return nil }
        return Subnet(
            key: id, provenance: provenance(id), id: id, vpc: .key(vpc),
            cidrBlock: item.string("cidrBlock").map { .known($0) },
            mapPublicIPOnLaunch: item.bool("mapPublicIpOnLaunch").map { .known($0) })
    }

    static func routeTable(_ item: XMLElement) -> (RouteTable, [Route])? {
        guard let id = item.string("routeTableId"), let vpc = item.string("vpcId") else { return nil }
        let subnets = item.list("associationSet").compactMap { $0.string("subnetId") }.map { ObjectRef.key($0) }
        let table = RouteTable(key: id, provenance: provenance(id), id: id, vpc: .key(vpc), subnets: subnets)
        let routes = item.list("routeSet").compactMap { route -> Route? in
            guard
                let destination = route.string("destinationCidrBlock") ?? route.string("destinationIpv6CidrBlock")
                    ?? route.string("destinationPrefixListId")
            else { return nil }
            return Route(provenance: provenance(id), routeTable: .key(id), destination: .known(destination), target: target(route))
        }
        return (table, routes)
    }

    static func target(_ route: XMLElement) -> Route.Target {
        if let id = route.string("vpcPeeringConnectionId") { return .peeringConnection(.key(id)) }
        if let id = route.string("natGatewayId") { return .natGateway(.key(id)) }
        if let id = route.string("transitGatewayId") { return .transitGateway(.key(id)) }
        if let id = route.string("instanceId") { return .instance(.key(id)) }
        if let id = route.string("networkInterfaceId") { return .networkInterface(.key(id)) }
        if let id = route.string("gatewayId") {
            if id == "local" { return .local }
            if id.hasPrefix("igw-") { return .internetGateway(.key(id)) }
            return .other(id)
        }
        for name in ["egressOnlyInternetGatewayId", "localGatewayId", "carrierGatewayId", "coreNetworkArn"] {
            if let id = route.string(name) { return .other(id) }
        }
        return .unknown("EC2 reported no target")
    }

    static func peering(_ item: XMLElement) -> PeeringConnection? {
        guard let id = item.string("vpcPeeringConnectionId"),
            let requester = item["requesterVpcInfo"], let accepter = item["accepterVpcInfo"],
            let requesterVPC = requester.string("vpcId"), let accepterVPC = accepter.string("vpcId")
        else { return nil }
        func dns(_ info: XMLElement) -> Resolved<Bool>? {
            info["peeringOptions"]?.bool("allowDnsResolutionFromRemoteVpc").map { .known($0) }
        }
        return PeeringConnection(
            key: id, provenance: provenance(id), id: id, requesterVPC: .key(requesterVPC),
            accepterVPC: .key(accepterVPC), requesterAllowsRemoteDNS: dns(requester),
            accepterAllowsRemoteDNS: dns(accepter), status: item["status"]?.string("code"))
    }

    static func networkACL(_ item: XMLElement) -> NetworkACL? {
        guard let id = item.string("networkAclId") else { return nil }
        let entries = item.list("entrySet").compactMap { entry -> NetworkACL.Entry? in
            guard let number = entry.int("ruleNumber"), let cidr = entry.string("cidrBlock") ?? entry.string("ipv6CidrBlock") else {
                return nil
            }
            let protocolText = entry.string("protocol") ?? "-1"
            let ipProtocol: Resolved<IPProtocol> =
                IPProtocol(parsing: protocolText).map { .known($0) }
                ?? .unknown("EC2 reported protocol '\(protocolText)'")
            var ports = PortRange.all
            if let range = entry["portRange"], let from = range.int("from"), let to = range.int("to") {
                ports = PortRange(from: from, to: to)
            }
            return NetworkACL.Entry(
                provenance: provenance(id), ruleNumber: .known(number),
                direction: entry.bool("egress") == true ? .egress : .ingress,
                allow: .known(entry.string("ruleAction") == "allow"), ipProtocol: ipProtocol,
                ports: .known(ports), cidr: .known(cidr))
        }
        return NetworkACL(
            key: id, provenance: provenance(id), vpc: item.string("vpcId").map { .key($0) },
            subnets: item.list("associationSet").compactMap { $0.string("subnetId") }.map { .key($0) },
            entries: entries)
    }

    static func prefixList(_ item: XMLElement, entries: [String]?) -> PrefixList? {
        guard let id = item.string("prefixListId") else { return nil }
        return PrefixList(
            key: id, provenance: provenance(id), name: item.string("prefixListName"),
            entries: entries.map { .known($0) } ?? .unknown("the entries of \(id) were not read"))
    }
}
