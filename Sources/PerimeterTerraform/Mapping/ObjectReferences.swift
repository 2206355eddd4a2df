import PerimeterModel

/// What a reference is expected to point at, and the Terraform types that can be it.
enum ResourceKind: CaseIterable, Hashable, Sendable {
    case securityGroup
    case vpc
    case subnet
    case prefixList
    case launchTemplate
    case eksCluster
    case routeTable
    case peeringConnection
    case instance
    case networkInterface
    case internetGateway
    case natGateway
    case transitGateway
    case networkACL
    case gkeCluster
    case gcpNetwork

    var types: Set<String> {
        switch self {
        case .securityGroup: ["aws_security_group", "aws_default_security_group"]
        case .vpc: ["aws_vpc", "aws_default_vpc"]
        case .subnet: ["aws_subnet", "aws_default_subnet"]
        case .prefixList: ["aws_ec2_managed_prefix_list"]
        case .launchTemplate: ["aws_launch_template"]
        case .eksCluster: ["aws_eks_cluster"]
        case .routeTable: ["aws_route_table", "aws_default_route_table"]
        case .peeringConnection: ["aws_vpc_peering_connection", "aws_vpc_peering_connection_accepter"]
        case .instance: ["aws_instance"]
        case .networkInterface: ["aws_network_interface"]
        case .internetGateway: ["aws_internet_gateway"]
        case .natGateway: ["aws_nat_gateway"]
        case .transitGateway: ["aws_ec2_transit_gateway"]
        case .networkACL: ["aws_network_acl", "aws_default_network_acl"]
        case .gkeCluster: ["google_container_cluster"]
        case .gcpNetwork: ["google_compute_network"]
        }
    }

    /// Attributes besides `id` and `arn` by which configurations name such an object.
    var nameAttributes: [String] {
        switch self {
        case .securityGroup, .eksCluster, .launchTemplate, .gkeCluster, .gcpNetwork: ["name"]
        default: []
        }
    }

    private static let byType: [String: ResourceKind] = {
        var map: [String: ResourceKind] = [:]
        for kind in ResourceKind.allCases {
            for type in kind.types { map[type] = kind }
        }
        return map
    }()

    init?(type: String) {
        guard let kind = Self.byType[type] else { return nil }
        self = kind
    }
}

/// The key of the security group EKS creates for a cluster.
func clusterSecurityGroupKey(_ cluster: String) -> String {
    cluster + ".vpc_config[0].cluster_security_group_id"
}

/// Lookups over the whole input, built once: instances by address, and the known IDs and names
/// of managed resources, so a literal `sg-0abc` that some resource in the input has becomes its key.
struct ResourceIndex {
    private(set) var instances: [String: ResourceInstance] = [:]
    private var identifiers: [ResourceKind: [String: String]] = [:]
    /// Accepter resources that stand for a peering connection declared in the same input.
    private var peeringAliases: [String: String] = [:]

    init(_ resources: [ResourceInstance]) {
        for instance in resources {
            instances[instance.address] = instances[instance.address] ?? instance
            guard instance.mode == .managed, let kind = ResourceKind(type: instance.type) else { continue }
            for attribute in ["id", "arn"] + kind.nameAttributes {
                register(instance.values[attribute], kind: kind, key: instance.address)
            }
            if kind == .eksCluster, let config = firstBlock(instance.values["vpc_config"]) {
                register(config["cluster_security_group_id"], kind: .securityGroup, key: clusterSecurityGroupKey(instance.address))
            }
        }
        for instance in resources where instance.mode == .managed && instance.type == "aws_vpc_peering_connection_accepter" {
            switch instance.values["vpc_peering_connection_id"] {
            case .unknown(let unknown)?:
                if let resource = unknown.resource, ResourceAddress.type(of: resource) == "aws_vpc_peering_connection" {
                    peeringAliases[instance.address] = resource
                }
            case .string(let id)?:
                if let peering = identifiers[.peeringConnection]?[id], peering != instance.address {
                    peeringAliases[instance.address] = peering
                }
            default:
                break
            }
        }
    }

    private mutating func register(_ value: Value?, kind: ResourceKind, key: String) {
        guard case .string(let identifier)? = value, !identifier.isEmpty else { return }
        identifiers[kind, default: [:]][identifier] = identifiers[kind]?[identifier] ?? key
    }

    /// The key of the managed resource of that kind whose ID, ARN or name is `identifier`.
    func key(forIdentifier identifier: String, kind: ResourceKind) -> String? {
        if let key = identifiers[kind]?[identifier] { return key }
        // GKE names clusters by `projects/P/locations/L/clusters/NAME` as well as by name; networks likewise by self link.
        if kind == .gkeCluster || kind == .gcpNetwork, let slash = identifier.lastIndex(of: "/") {
            return identifiers[kind]?[String(identifier[identifier.index(after: slash)...])]
        }
        return nil
    }

    /// The peering connection an accepter resource accepts, when it is in the input.
    func peeringAlias(_ address: String) -> String? { peeringAliases[address] }
}

extension MappingContext {
    /// Turns a value that names another object into an `ObjectRef`:
    /// - a reference to a computed attribute of a resource of the expected kind: that resource's key
    ///   (the cluster security group of an `aws_eks_cluster` has its own key);
    /// - a known ID or name: the key of the resource in the input that has it, else `.external`;
    /// - any other unknown: `.unknown` with its reason. Null gives nil.
    func reference(_ value: Value, to kind: ResourceKind, wrongType: (Value) -> Void) -> ObjectRef? {
        switch value {
        case .null:
            return nil
        case .string(let text):
            guard !text.isEmpty else { return nil }
            return index.key(forIdentifier: text, kind: kind).map(ObjectRef.key) ?? .external(text)
        case .number(let number):
            return .external(ValueText.number(number))
        case .unknown(let unknown):
            return reference(unknown, to: kind)
        default:
            wrongType(value)
            return .unknown("a value of the wrong type (\(value.typeName)) where an ID was expected")
        }
    }

    func reference(_ unknown: Unknown, to kind: ResourceKind) -> ObjectRef {
        guard let resource = unknown.resource, let address = ResourceAddress(parsing: resource) else {
            return .unknown(unknown.reason)
        }
        if kind == .securityGroup, address.type == "aws_eks_cluster",
            let attribute = unknown.attribute, Self.isClusterSecurityGroupAttribute(attribute)
        {
            return .key(clusterSecurityGroupKey(resource))
        }
        guard kind.types.contains(address.type) else { return .unknown(unknown.reason) }
        if kind == .peeringConnection, let peering = index.peeringAlias(resource) { return .key(peering) }
        return .key(resource)
    }

    /// `vpc_config[0].cluster_security_group_id`, also written with a splat or a `.0` index.
    static func isClusterSecurityGroupAttribute(_ attribute: String) -> Bool {
        attribute.hasPrefix("vpc_config") && attribute.hasSuffix(".cluster_security_group_id")
    }
}
