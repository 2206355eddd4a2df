import PerimeterModel

/// `aws_vpc_peering_connection`, and what amends it: `aws_vpc_peering_connection_options` and
/// `aws_vpc_peering_connection_accepter` (their `requester` / `accepter` DNS blocks).
enum PeeringMapping {
    static func mapPeering(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        context.snapshot.peeringConnections.append(
            PeeringConnection(
                key: instance.address, provenance: fields.provenance(), id: fields.string("id")?.value,
                requesterVPC: fields.reference("vpc_id", to: .vpc) ?? .unknown("\(instance.address): vpc_id is not set"),
                accepterVPC: fields.reference("peer_vpc_id", to: .vpc) ?? .unknown("\(instance.address): peer_vpc_id is not set"),
                requesterAllowsRemoteDNS: remoteDNS(fields, side: "requester"),
                accepterAllowsRemoteDNS: remoteDNS(fields, side: "accepter"),
                status: fields.string("accept_status")?.value))
    }

    /// `allow_remote_vpc_dns_resolution` of one side's block; nil when the block or the flag is not written.
    private static func remoteDNS(_ fields: Fields, side: String) -> Resolved<Bool>? {
        if let block = fields.block(side) { return block.bool("allow_remote_vpc_dns_resolution") }
        return fields.unknownBlockReason(side).map { .unknown($0) }
    }

    /// `aws_vpc_peering_connection_options`: sets the DNS flags of the peering it names.
    static func amendOptions(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        let position = peering(named: fields.reference("vpc_peering_connection_id", to: .peeringConnection), fields, context)
        apply(fields, to: position, context)
    }

    /// `aws_vpc_peering_connection_accepter`: the accepter side of a peering, often in another account.
    /// When the peering itself is in the input the DNS flags join it; otherwise the accepter stands for it.
    static func amendAccepter(_ instance: ResourceInstance, _ context: MappingContext) {
        let fields = context.fields(of: instance)
        let peeringRef = fields.reference("vpc_peering_connection_id", to: .peeringConnection)
        let position: Int
        if let key = peeringRef?.knownKey, key != instance.address,
            let existing = context.snapshot.peeringConnections.firstIndex(where: { $0.key == key || $0.id == key })
        {
            position = existing
        } else {
            let missing = "\(instance.address): the VPC is known only after apply"
            context.snapshot.peeringConnections.append(
                PeeringConnection(
                    key: instance.address, provenance: fields.provenance(), id: peeringRef?.knownKey,
                    requesterVPC: fields.reference("peer_vpc_id", to: .vpc) ?? .unknown(missing),
                    accepterVPC: fields.reference("vpc_id", to: .vpc) ?? .unknown(missing),
                    status: fields.string("accept_status")?.value))
            position = context.snapshot.peeringConnections.count - 1
        }
        apply(fields, to: position, context)
    }

    /// The peering connection a reference names, created as a stand-in when the input does not declare it.
    private static func peering(named ref: ObjectRef?, _ fields: Fields, _ context: MappingContext) -> Int {
        if let key = ref?.knownKey,
            let existing = context.snapshot.peeringConnections.firstIndex(where: { $0.key == key || $0.id == key })
        {
            return existing
        }
        let missing = "the peering connection is not declared in this input"
        context.snapshot.peeringConnections.append(
            PeeringConnection(
                key: ref?.knownKey ?? fields.instance.address, provenance: fields.provenance(),
                id: { if case .external(let id)? = ref { return id } else { return nil } }(),
                requesterVPC: .unknown(missing), accepterVPC: .unknown(missing)))
        return context.snapshot.peeringConnections.count - 1
    }

    private static func apply(_ fields: Fields, to position: Int, _ context: MappingContext) {
        if let requester = remoteDNS(fields, side: "requester") {
            context.snapshot.peeringConnections[position].requesterAllowsRemoteDNS = requester
        }
        if let accepter = remoteDNS(fields, side: "accepter") {
            context.snapshot.peeringConnections[position].accepterAllowsRemoteDNS = accepter
        }
    }
}
