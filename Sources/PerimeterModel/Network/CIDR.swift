/// An IPv4 or IPv6 block such as `10.0.0.0/8`, `::/0` or `13.125.215.119/32`.
///
/// Text with host bits set (`10.0.0.1/8`) is accepted and normalized to its network
/// (`10.0.0.0/8`); `hasHostBits` says it was written that way, since AWS itself rejects it.
/// Equality and hashing compare the normalized block. An IPv4-mapped IPv6 block
/// (`::ffff:1.2.3.4/128`) stays IPv6, as security groups file it; `mappedIPv4` converts it.
public struct CIDR: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let family: AddressFamily
    public let prefixLength: Int
    /// The address as written, host bits included.
    public let address: UInt128
    /// The lowest address of the block (the network address).
    public let first: UInt128

    /// Parses `a.b.c.d/n`, `x:x::x/n`, or a plain address (a /32 or /128). nil for anything else.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8).trimmingASCIIWhitespace()
        let slash = bytes.firstIndex(of: UInt8(ascii: "/"))
        let addressText = slash.map { bytes[bytes.startIndex..<$0] } ?? bytes
        let family: AddressFamily
        let value: UInt128
        if let v4 = AddressParser.ipv4(addressText) {
            family = .ipv4
            value = UInt128(v4)
        } else if let v6 = AddressParser.ipv6(addressText) {
            family = .ipv6
            value = v6
        } else {
            return nil
        }
        var prefix = family.bitWidth
        if let slash {
            guard let parsed = AddressParser.prefixLength(bytes[(slash + 1)...]) else { return nil }
            prefix = parsed
        }
        guard let address = IPAddress(family: family, value: value) else { return nil }
        self.init(address: address, prefixLength: prefix)
    }

    /// As `init(parsing:)`, but text with spaces around it is no CIDR: AWS and GCP reject `"0.0.0.0/0 "`,
    /// so a validator must not read it as `0.0.0.0/0`.
    public init?(strictly text: some StringProtocol) {
        let bytes = Array(text.utf8)
        let spaces: [UInt8] = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")]
        guard let first = bytes.first, let last = bytes.last, !spaces.contains(first), !spaces.contains(last) else { return nil }
        self.init(parsing: text)
    }

    /// nil when the prefix length is outside `0...bitWidth`.
    public init?(address: IPAddress, prefixLength: Int) {
        guard (0...address.family.bitWidth).contains(prefixLength) else { return nil }
        self.family = address.family
        self.prefixLength = prefixLength
        self.address = address.value
        self.first = address.value & ~CIDR.hostMask(family: address.family, prefixLength: prefixLength)
    }

    /// `0.0.0.0/0`.
    public static let wholeIPv4 = CIDR(family: .ipv4, prefixLength: 0, first: 0)
    /// `::/0`.
    public static let wholeIPv6 = CIDR(family: .ipv6, prefixLength: 0, first: 0)

    private init(family: AddressFamily, prefixLength: Int, first: UInt128) {
        self.family = family
        self.prefixLength = prefixLength
        self.address = first
        self.first = first
    }

    /// The highest address of the block (the broadcast address for IPv4).
    public var last: UInt128 { first | CIDR.hostMask(family: family, prefixLength: prefixLength) }

    /// `first...last`, for interval sets.
    public var range: ClosedRange<UInt128> { first...last }

    /// True when the text had bits set beyond the prefix (`10.0.0.1/8`).
    public var hasHostBits: Bool { address != first }

    /// `0.0.0.0/0` or `::/0`: every address of the family.
    public var isWholeInternet: Bool { prefixLength == 0 }

    /// The network address.
    public var network: IPAddress { IPAddress(validated: family, value: first) }

    /// Number of addresses in the block; saturates at `UInt128.max` for `::/0` (2^128 addresses).
    public var addressCount: UInt128 {
        let hostBits = family.bitWidth - prefixLength
        return hostBits >= 128 ? .max : UInt128(1) << hostBits
    }

    /// For an IPv4-mapped IPv6 block of /96 or longer, the IPv4 block it stands for.
    public var mappedIPv4: CIDR? {
        guard family == .ipv6, prefixLength >= 96, first >> 32 == 0xFFFF,
            let address = IPAddress(family: .ipv4, value: first & UInt128(UInt32.max))
        else { return nil }
        return CIDR(address: address, prefixLength: prefixLength - 96)
    }

    public func contains(_ address: IPAddress) -> Bool {
        address.family == family && first <= address.value && address.value <= last
    }

    /// True when every address of `other` is in this block.
    public func contains(_ other: CIDR) -> Bool {
        other.family == family && first <= other.first && other.last <= last
    }

    public func overlaps(_ other: CIDR) -> Bool {
        other.family == family && first <= other.last && other.first <= last
    }

    /// `10.0.0.0/8`, `2001:db8::/32`: the normalized network, never the host bits.
    public var description: String { "\(network)/\(prefixLength)" }

    public static func == (lhs: CIDR, rhs: CIDR) -> Bool {
        lhs.family == rhs.family && lhs.prefixLength == rhs.prefixLength && lhs.first == rhs.first
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(family)
        hasher.combine(prefixLength)
        hasher.combine(first)
    }

    /// IPv4 before IPv6, then by network address, then broader blocks first.
    public static func < (lhs: CIDR, rhs: CIDR) -> Bool {
        if lhs.family != rhs.family { return lhs.family == .ipv4 }
        if lhs.first != rhs.first { return lhs.first < rhs.first }
        return lhs.prefixLength < rhs.prefixLength
    }

    /// Encoded as written (host bits kept), so decoding gives back the same value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("\(IPAddress(validated: family, value: address))/\(prefixLength)")
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let cidr = CIDR(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a CIDR")
        }
        self = cidr
    }

    private static func hostMask(family: AddressFamily, prefixLength: Int) -> UInt128 {
        let hostBits = family.bitWidth - prefixLength
        if hostBits <= 0 { return 0 }
        if hostBits >= 128 { return .max }
        return (UInt128(1) << hostBits) - 1
    }
}
