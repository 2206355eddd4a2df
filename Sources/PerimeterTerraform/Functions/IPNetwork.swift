/// A 128-bit unsigned integer as two halves, for IPv6 prefix arithmetic. (The standard library's
/// `UInt128` needs macOS 15, above the package's deployment target.)
struct Bits128: Hashable {
    var high: UInt64
    var low: UInt64

    static let zero = Bits128(high: 0, low: 0)

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(_ value: UInt64) {
        self.init(high: 0, low: value)
    }

    /// The lowest `count` bits set.
    static func lowOnes(_ count: Int) -> Bits128 {
        if count <= 0 { return .zero }
        if count >= 128 { return Bits128(high: .max, low: .max) }
        if count >= 64 { return Bits128(high: count == 64 ? 0 : (UInt64(1) << (count - 64)) - 1, low: .max) }
        return Bits128((UInt64(1) << count) - 1)
    }

    static func & (left: Bits128, right: Bits128) -> Bits128 {
        Bits128(high: left.high & right.high, low: left.low & right.low)
    }

    static func | (left: Bits128, right: Bits128) -> Bits128 {
        Bits128(high: left.high | right.high, low: left.low | right.low)
    }

    static prefix func ~ (value: Bits128) -> Bits128 {
        Bits128(high: ~value.high, low: ~value.low)
    }

    static func << (value: Bits128, count: Int) -> Bits128 {
        if count <= 0 { return value }
        if count >= 128 { return .zero }
        if count >= 64 { return Bits128(high: value.low << (count - 64), low: 0) }
        return Bits128(high: value.high << count | value.low >> (64 - count), low: value.low << count)
    }

    static func >> (value: Bits128, count: Int) -> Bits128 {
        if count <= 0 { return value }
        if count >= 128 { return .zero }
        if count >= 64 { return Bits128(value.high >> (count - 64)) }
        return Bits128(high: value.high >> count, low: value.low >> count | value.high << (64 - count))
    }

    /// Sum modulo 2^128.
    static func &+ (left: Bits128, right: Bits128) -> Bits128 {
        let (low, carry) = left.low.addingReportingOverflow(right.low)
        return Bits128(high: left.high &+ right.high &+ (carry ? 1 : 0), low: low)
    }

    /// Difference modulo 2^128.
    static func &- (left: Bits128, right: Bits128) -> Bits128 {
        left &+ (~right &+ Bits128(1))
    }
}

/// An IPv4 or IPv6 prefix as Terraform's CIDR functions read it: host bits are cleared
/// (`10.0.0.5/16` is `10.0.0.0/16`); IPv4 addresses live in the low 32 bits.
struct IPNetwork: Hashable {
    var address: Bits128
    var prefixLength: Int
    var isIPv6: Bool

    var bitWidth: Int { isIPv6 ? 128 : 32 }

    /// The prefix bits of this address family set for a prefix of `length`.
    func mask(_ length: Int) -> Bits128 {
        Bits128.lowOnes(bitWidth) & ~Bits128.lowOnes(bitWidth - length)
    }

    /// The host bits of a prefix of `length`.
    func hostMask(_ length: Int) -> Bits128 {
        Bits128.lowOnes(bitWidth - length)
    }

    init(address: Bits128, prefixLength: Int, isIPv6: Bool) {
        self.address = address
        self.prefixLength = prefixLength
        self.isIPv6 = isIPv6
        self.address = address & mask(prefixLength)
    }

    init?(cidr text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy(\.isASCII),
            let length = Int(parts[1]), parts[1].allSatisfy(\.isNumber)
        else { return nil }
        if let address = IPNetwork.parseIPv4(parts[0]), length <= 32 {
            self.init(address: address, prefixLength: length, isIPv6: false)
        } else if let address = IPNetwork.parseIPv6(parts[0]), length <= 128 {
            self.init(address: address, prefixLength: length, isIPv6: true)
        } else {
            return nil
        }
    }

    func contains(_ other: Bits128) -> Bool {
        other & mask(prefixLength) == address
    }

    var description: String {
        IPNetwork.format(address, isIPv6: isIPv6) + "/" + String(prefixLength)
    }

    static func parseIPv4(_ text: Substring) -> Bits128? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt64 = 0
        for octet in octets {
            // Terraform still reads octets with leading zeros as decimal (`010.0.0.0`).
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy({ $0.isASCII && $0.isNumber }),
                let number = UInt64(octet), number <= 255
            else { return nil }
            value = value << 8 | number
        }
        return Bits128(value)
    }

    static func parseIPv6(_ text: Substring) -> Bits128? {
        guard text.contains(":") else { return nil }
        let halves = text.ranges(of: "::")
        guard halves.count <= 1 else { return nil }
        func groups(_ part: Substring) -> [UInt64]? {
            if part.isEmpty { return [] }
            var result: [UInt64] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains("."), let v4 = parseIPv4(piece) {
                    result += [v4.low >> 16, v4.low & 0xFFFF]
                    continue
                }
                guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit), let group = UInt64(piece, radix: 16) else {
                    return nil
                }
                result.append(group)
            }
            return result
        }
        var all: [UInt64]
        if let gap = halves.first {
            guard let head = groups(text[..<gap.lowerBound]), let tail = groups(text[gap.upperBound...]),
                head.count + tail.count < 8
            else { return nil }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let only = groups(text), only.count == 8 else { return nil }
            all = only
        }
        var value = Bits128.zero
        for group in all { value = value << 16 | Bits128(group) }
        return value
    }

    /// Dotted quad, or RFC 5952 IPv6 (lower-case, longest run of two or more zero groups as `::`).
    static func format(_ address: Bits128, isIPv6: Bool) -> String {
        guard isIPv6 else {
            let value = address.low
            return [24, 16, 8, 0].map { String((value >> UInt64($0)) & 0xFF) }.joined(separator: ".")
        }
        let groups: [UInt64] = (0..<8).map { (index: Int) -> UInt64 in
            let half: UInt64 = index < 4 ? address.high : address.low
            let shift = UInt64(48 - 16 * (index % 4))
            return (half >> shift) & 0xFFFF
        }
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            let start = index
            while index < 8, groups[index] == 0 { index += 1 }
            if index - start > bestLength {
                bestStart = start
                bestLength = index - start
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestLength >= 2 else { return hex.joined(separator: ":") }
        return hex[..<bestStart].joined(separator: ":") + "::" + hex[(bestStart + bestLength)...].joined(separator: ":")
    }
}
