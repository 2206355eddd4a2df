public struct VPC: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var id: String?
    public var cidrBlocks: Resolved<[String]>
    public var ipv6CidrBlocks: [String]
    public var enableDnsSupport: Resolved<Bool>?
    public var enableDnsHostnames: Resolved<Bool>?

    public init(
        key: String, provenance: Provenance, id: String? = nil, cidrBlocks: Resolved<[String]>,
        ipv6CidrBlocks: [String] = [], enableDnsSupport: Resolved<Bool>? = nil, enableDnsHostnames: Resolved<Bool>? = nil
    ) {
        self.key = key
        self.provenance = provenance
        self.id = id
        self.cidrBlocks = cidrBlocks
        self.ipv6CidrBlocks = ipv6CidrBlocks
        self.enableDnsSupport = enableDnsSupport
        self.enableDnsHostnames = enableDnsHostnames
    }
}

public struct Subnet: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var id: String?
    public var vpc: ObjectRef
    public var cidrBlock: Resolved<String>?
    public var mapPublicIPOnLaunch: Resolved<Bool>?

    public init(
        key: String, provenance: Provenance, id: String? = nil, vpc: ObjectRef, cidrBlock: Resolved<String>? = nil,
        mapPublicIPOnLaunch: Resolved<Bool>? = nil
    ) {
        self.key = key
        self.provenance = provenance
        self.id = id
        self.vpc = vpc
        self.cidrBlock = cidrBlock
        self.mapPublicIPOnLaunch = mapPublicIPOnLaunch
    }
}

public struct RouteTable: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var id: String?
    public var vpc: ObjectRef
    public var subnets: [ObjectRef]

    public init(key: String, provenance: Provenance, id: String? = nil, vpc: ObjectRef, subnets: [ObjectRef] = []) {
        self.key = key
        self.provenance = provenance
        self.id = id
        self.vpc = vpc
        self.subnets = subnets
    }
}

/// One route, inline in a route table or a separate `aws_route`.
public struct Route: Codable, Hashable, Sendable {
    public enum Target: Codable, Hashable, Sendable {
        case peeringConnection(ObjectRef)
        case instance(ObjectRef)
        case networkInterface(ObjectRef)
        case internetGateway(ObjectRef)
        case natGateway(ObjectRef)
        case transitGateway(ObjectRef)
        case local
        case other(String)
        case unknown(String)
    }

    public var provenance: Provenance
    public var routeTable: ObjectRef
    public var destination: Resolved<String>
    public var target: Target

    public init(provenance: Provenance, routeTable: ObjectRef, destination: Resolved<String>, target: Target) {
        self.provenance = provenance
        self.routeTable = routeTable
        self.destination = destination
        self.target = target
    }
}

public struct PeeringConnection: Codable, Hashable, Sendable {
    public var key: String
    public var provenance: Provenance
    public var id: String?
    public var requesterVPC: ObjectRef
    public var accepterVPC: ObjectRef
    /// `allow_remote_vpc_dns_resolution` on each side; nil when never set (AWS default false).
    public var requesterAllowsRemoteDNS: Resolved<Bool>?
    public var accepterAllowsRemoteDNS: Resolved<Bool>?
    public var status: String?

    public init(
        key: String, provenance: Provenance, id: String? = nil, requesterVPC: ObjectRef, accepterVPC: ObjectRef,
        requesterAllowsRemoteDNS: Resolved<Bool>? = nil, accepterAllowsRemoteDNS: Resolved<Bool>? = nil,
        status: String? = nil
    ) {
        self.key = key
        self.provenance = provenance
        self.id = id
        self.requesterVPC = requesterVPC
        self.accepterVPC = accepterVPC
        self.requesterAllowsRemoteDNS = requesterAllowsRemoteDNS
        self.accepterAllowsRemoteDNS = accepterAllowsRemoteDNS
        self.status = status
    }
}

public struct NetworkACL: Codable, Hashable, Sendable {
    public struct Entry: Codable, Hashable, Sendable {
        public var provenance: Provenance
        public var ruleNumber: Resolved<Int>
        public var direction: TrafficDirection
        public var allow: Resolved<Bool>
        public var ipProtocol: Resolved<IPProtocol>
        public var ports: Resolved<PortRange>
        public var cidr: Resolved<String>

        public init(
            provenance: Provenance, ruleNumber: Resolved<Int>, direction: TrafficDirection, allow: Resolved<Bool>,
            ipProtocol: Resolved<IPProtocol>, ports: Resolved<PortRange>, cidr: Resolved<String>
        ) {
            self.provenance = provenance
            self.ruleNumber = ruleNumber
            self.direction = direction
            self.allow = allow
            self.ipProtocol = ipProtocol
            self.ports = ports
            self.cidr = cidr
        }
    }

    public var key: String
    public var provenance: Provenance
    public var vpc: ObjectRef?
    public var subnets: [ObjectRef]
    public var entries: [Entry]

    public init(key: String, provenance: Provenance, vpc: ObjectRef? = nil, subnets: [ObjectRef] = [], entries: [Entry] = []) {
        self.key = key
        self.provenance = provenance
        self.vpc = vpc
        self.subnets = subnets
        self.entries = entries
    }
}
