/// `cidrsubnet`, `cidrsubnets`, `cidrhost`, `cidrnetmask` for IPv4 and IPv6.
enum NetworkFunctions {
    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("cidrsubnet", .exactly(3)) { arguments in
            let network = try prefix(arguments)
            let newBits = try arguments.integer(1)
            let number = try arguments.integer(2)
            guard newBits >= 0 else { throw arguments.invalid(1, "the number of new bits must not be negative") }
            let length = network.prefixLength + newBits
            guard length <= network.bitWidth else {
                throw arguments.error("Insufficient address space to extend prefix of \(network.prefixLength) by \(newBits)")
            }
            guard number >= 0 else { throw arguments.invalid(2, "the subnet number must not be negative") }
            guard newBits >= 63 || number < 1 << newBits else {
                throw arguments.error("Prefix extension of \(newBits) does not accommodate a subnet numbered \(number)")
            }
            let subnet = network.address | Bits128(UInt64(number)) << (network.bitWidth - length)
            return .string(IPNetwork(address: subnet, prefixLength: length, isIPv6: network.isIPv6).description)
        },
        FunctionDefinition("cidrhost", .exactly(2)) { arguments in
            let network = try prefix(arguments)
            let number = try arguments.integer(1)
            let hostBits = network.bitWidth - network.prefixLength
            let host: Bits128
            if number >= 0 {
                guard hostBits >= 63 || number < 1 << hostBits else {
                    throw arguments.error("Prefix of \(network.prefixLength) does not accommodate a host numbered \(number)")
                }
                host = Bits128(UInt64(number))
            } else {
                // Negative numbers count back from the end of the range: -1 is the last address.
                let magnitude = number.magnitude
                guard hostBits >= 63 || magnitude <= UInt(1) << hostBits else {
                    throw arguments.error("Prefix of \(network.prefixLength) does not accommodate a host numbered \(number)")
                }
                host = (Bits128(1) << hostBits) &- Bits128(UInt64(magnitude))
            }
            return .string(IPNetwork.format(network.address | host, isIPv6: network.isIPv6))
        },
        FunctionDefinition("cidrnetmask", .exactly(1)) { arguments in
            let network = try prefix(arguments)
            guard !network.isIPv6 else {
                throw arguments.error("IPv6 addresses cannot have a netmask: '\(try arguments.string(0))'")
            }
            return .string(IPNetwork.format(network.mask(network.prefixLength), isIPv6: false))
        },
        FunctionDefinition("cidrsubnets", .atLeast(1), subnets)
    ]

    static func prefix(_ arguments: Arguments) throws -> IPNetwork {
        let text = try arguments.string(0)
        guard let network = IPNetwork(cidr: text) else { throw arguments.error("Invalid CIDR prefix '\(text)'") }
        return network
    }

    /// Consecutive subnets, each aligned to its own size, as Terraform allocates them: start just
    /// before the prefix and step to the next aligned block of each requested size.
    @Sendable static func subnets(_ arguments: Arguments) throws -> Value {
        let network = try prefix(arguments)
        let newBits = try (1..<arguments.count).map { try arguments.integer($0) }
        guard let first = newBits.first else { return .list([]) }
        let family = network.isIPv6 ? "IPv6" : "IPv4"
        for (offset, bits) in newBits.enumerated() {
            guard bits >= 1 else { throw arguments.invalid(offset + 1, "the number of new bits must be at least 1") }
            let length = network.prefixLength + bits
            guard length <= network.bitWidth else {
                throw arguments.invalid(offset + 1, "would extend the prefix to \(length) bits, which is too long for an \(family) address")
            }
        }
        let width = Bits128.lowOnes(network.bitWidth)
        var current = IPNetwork(
            address: (network.address &- Bits128(1)) & width,
            prefixLength: network.prefixLength + first, isIPv6: network.isIPv6)
        var result: [Value] = []
        for bits in newBits {
            let length = network.prefixLength + bits
            let currentLast = current.address | current.hostMask(current.prefixLength)
            let blockLast = (currentLast & current.mask(length)) | current.hostMask(length)
            let nextAddress = (blockLast &+ Bits128(1)) & width
            guard nextAddress != .zero, network.contains(nextAddress) else {
                throw arguments.error(
                    "Not enough remaining address space for a subnet with a prefix of \(length) bits after \(current.description)")
            }
            current = IPNetwork(address: nextAddress, prefixLength: length, isIPv6: network.isIPv6)
            result.append(.string(current.description))
        }
        return .list(result)
    }
}
