import PerimeterModel

/// NET-014: peering with routes only one way: requests reach the endpoint, answers never come back.
public struct PeeringMissingRouteCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NET-014",
        slug: "peering-missing-route",
        title: "VPC peering lacks a route in one direction",
        severity: .medium,
        rationale: """
            A peering connection carries traffic only where route tables send it. With a route one way only, \
            clients in the VPN VPC reach the private API endpoint but the answers have no way back (or the \
            reverse): the private path of a private-only cluster silently fails.
            """,
        remediation: "Add a route through the peering in the route tables of both VPCs, each to the other VPC's CIDR.",
        terraformFix: """
            resource "aws_route" "accepter_to_requester" {
              for_each                  = toset(var.accepter_route_table_ids)
              route_table_id            = each.value
              destination_cidr_block    = var.requester_vpc_cidr
              vpc_peering_connection_id = aws_vpc_peering_connection.this.id
            }
            """,
        references: [Reference.eksPrivateClusters, Reference.vpcPeeringRoutes],
        owasp: Reference.owaspNetworkSegmentation
    )

    public func run(_ context: CheckContext) -> [Finding] {
        let snapshot = context.snapshot
        let vpcs = ObjectLookup(snapshot.vpcs, key: \.key, id: \.id)
        let tables = ObjectLookup(snapshot.routeTables, key: \.key, id: \.id)
        // A route whose target cannot be known might be the missing one: then say nothing.
        let hasUnknownTarget = snapshot.routes.contains { route in
            switch route.target {
            case .unknown, .peeringConnection(.unknown): true
            default: false
            }
        }
        guard !hasUnknownTarget else { return [] }

        return snapshot.peeringConnections.compactMap { peering in
            let requester = vpcs.resolve(peering.requesterVPC)
            let accepter = vpcs.resolve(peering.accepterVPC)
            let requesterRef = requester.map { ObjectRef.key($0.key) } ?? peering.requesterVPC
            let accepterRef = accepter.map { ObjectRef.key($0.key) } ?? peering.accepterVPC
            let requesterCIDRs = cidrs(of: requester)
            let accepterCIDRs = cidrs(of: accepter)
            var toAccepter = false
            var toRequester = false
            for route in snapshot.routes {
                guard case .peeringConnection(let ref) = route.target, refers(ref, to: peering) else { continue }
                guard case .known(let text) = route.destination, let destination = CIDR(parsing: text) else { return nil }
                if let table = tables.resolve(route.routeTable) {
                    if table.vpc.sameObject(as: requesterRef) {
                        toAccepter = true
                        continue
                    }
                    if table.vpc.sameObject(as: accepterRef) {
                        toRequester = true
                        continue
                    }
                }
                switch (requesterCIDRs, accepterCIDRs) {
                case (let requester?, _) where requester.contains(where: { $0.overlaps(destination) }):
                    toRequester = true
                case (_, let accepter?) where accepter.contains(where: { $0.overlaps(destination) }):
                    toAccepter = true
                case (_?, nil):
                    toAccepter = true
                case (nil, _?):
                    toRequester = true
                default:
                    return nil
                }
            }
            guard !(toAccepter && toRequester) else { return nil }
            var missing: [String] = []
            if !toAccepter { missing.append("requester VPC '\(peering.requesterVPC)' has no route to the accepter through it") }
            if !toRequester { missing.append("accepter VPC '\(peering.accepterVPC)' has no route back to the requester through it") }
            return finding(
                resource: peering.provenance.resource, location: peering.provenance.location,
                message:
                    "peering '\(peering.provenance.resource)' is routed \(toAccepter || toRequester ? "one way only" : "in neither direction")",
                evidence: missing)
        }
    }

    private func refers(_ ref: ObjectRef, to peering: PeeringConnection) -> Bool {
        guard let key = ref.knownKey else { return false }
        return key == peering.key || key == peering.id
    }

    /// The VPC's CIDRs when every one of them is known.
    private func cidrs(of vpc: VPC?) -> [CIDR]? {
        guard case .known(let blocks)? = vpc?.cidrBlocks else { return nil }
        let parsed = (blocks + (vpc?.ipv6CidrBlocks ?? [])).compactMap { CIDR(parsing: $0) }
        return parsed.isEmpty ? nil : parsed
    }
}

extension PeeringMissingRouteCheck {
    /// Peerings whose routing cannot be told: a route of unknown target anywhere (it might be the missing
    /// one), or a route through the peering of unknown destination.
    public func undecided(_ context: CheckContext) -> [Undecided] {
        let snapshot = context.snapshot
        let unknownTargets = snapshot.routes.compactMap { route -> String? in
            switch route.target {
            case .unknown(let reason), .peeringConnection(.unknown(let reason)):
                "the target of route '\(route.provenance.resource)' is unknown: \(reason)"
            default: nil
            }
        }
        return snapshot.peeringConnections.flatMap { peering -> [Undecided] in
            if let first = unknownTargets.first { return [undecided(on: peering.provenance, because: first)] }
            return snapshot.routes.compactMap { route in
                guard case .peeringConnection(let ref) = route.target, refers(ref, to: peering),
                    case .unknown(let reason) = route.destination
                else { return nil }
                return undecided(
                    on: peering.provenance,
                    because: "the destination of route '\(route.provenance.resource)' through it is unknown: \(reason)")
            }
        }
    }
}
