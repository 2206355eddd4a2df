/// The two IP address families security groups, routes and firewalls distinguish.
public enum AddressFamily: String, Codable, Hashable, Sendable, CaseIterable {
    case ipv4
    case ipv6

    /// Bits in an address of this family: 32 or 128.
    public var bitWidth: Int {
        switch self {
        case .ipv4: 32
        case .ipv6: 128
        }
    }

    /// The largest address value of the family, so that `0...maxValue` is the whole address space.
    public var maxValue: UInt128 {
        switch self {
        case .ipv4: UInt128(UInt32.max)
        case .ipv6: UInt128.max
        }
    }
}

/// One IPv4 or IPv6 address as an unsigned integer (IPv4 in the low 32 bits).
public struct IPAddress: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let family: AddressFamily
    public let value: UInt128

    /// nil when `value` does not fit the family (an IPv4 value above 2^32 - 1).
    public init?(family: AddressFamily, value: UInt128) {
        guard value <= family.maxValue else { return nil }
        self.family = family
        self.value = value
    }

    /// For values already known to fit the family (masked CIDR bounds).
    init(validated family: AddressFamily, value: UInt128) {
        self.family = family
        self.value = value & family.maxValue
    }

    /// Parses `10.1.2.3`, `2001:db8::1`, `::ffff:1.2.3.4`. Leading/trailing whitespace is ignored;
    /// anything else that is not an address (zone IDs, octal-looking `010.0.0.1`) gives nil.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8).trimmingASCIIWhitespace()
        if let value = AddressParser.ipv4(bytes) {
            self.family = .ipv4
            self.value = UInt128(value)
        } else if let value = AddressParser.ipv6(bytes) {
            self.family = .ipv6
            self.value = value
        } else {
            return nil
        }
    }

    /// True for IPv6 addresses in `::ffff:0:0/96`, which stand for an IPv4 address.
    public var isIPv4Mapped: Bool {
        family == .ipv6 && value >> 32 == 0xFFFF
    }

    /// The IPv4 address an IPv4-mapped IPv6 address stands for.
    public var mappedIPv4: IPAddress? {
        guard isIPv4Mapped else { return nil }
        return IPAddress(family: .ipv4, value: value & UInt128(UInt32.max))
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        if lhs.family != rhs.family { return lhs.family == .ipv4 }
        return lhs.value < rhs.value
    }

    /// Dotted quad for IPv4; RFC 5952 text for IPv6 (lowercase, longest zero run compressed,
    /// IPv4-mapped addresses with a dotted tail).
    public var description: String {
        switch family {
        case .ipv4: AddressFormatter.ipv4(UInt32(truncatingIfNeeded: value))
        case .ipv6: AddressFormatter.ipv6(value)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let address = IPAddress(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an IP address")
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Array where Element == UInt8 {
    func trimmingASCIIWhitespace() -> ArraySlice<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return []
        }
        return self[start...end]
    }
}
