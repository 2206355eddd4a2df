/// Parses address text from UTF-8 bytes, strictly: what AWS, GCP and Terraform would accept.
enum AddressParser {
    private static let colon = UInt8(ascii: ":")
    private static let dot = UInt8(ascii: ".")

    /// `a.b.c.d`, each part 0...255 in decimal without leading zeros (which some stacks read as octal).
    static func ipv4(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        var result: UInt32 = 0
        var parts = 0
        var partValue: UInt32 = 0
        var partDigits = 0
        var partStartsWithZero = false
        for byte in bytes {
            if byte == dot {
                guard partDigits > 0, parts < 3 else { return nil }
                result = result << 8 | partValue
                parts += 1
                partValue = 0
                partDigits = 0
                continue
            }
            guard let digit = decimalDigit(byte) else { return nil }
            if partDigits == 0 { partStartsWithZero = digit == 0 }
            partDigits += 1
            guard partDigits <= 3, !(partStartsWithZero && partDigits > 1) else { return nil }
            partValue = partValue * 10 + UInt32(digit)
            guard partValue <= 255 else { return nil }
        }
        guard parts == 3, partDigits > 0 else { return nil }
        return result << 8 | partValue
    }

    /// RFC 4291 text: eight groups of 1-4 hex digits, at most one `::`, optionally a dotted IPv4 tail.
    static func ipv6(_ bytes: ArraySlice<UInt8>) -> UInt128? {
        guard bytes.count >= 2, bytes.contains(colon) else { return nil }
        var doubleColon: Int?
        var index = bytes.startIndex
        while index < bytes.endIndex - 1 {
            if bytes[index] == colon && bytes[index + 1] == colon {
                guard doubleColon == nil else { return nil }
                doubleColon = index
                index += 2
            } else {
                index += 1
            }
        }
        let groups: [UInt16]
        if let split = doubleColon {
            guard let head = ipv6Groups(bytes[bytes.startIndex..<split], allowsIPv4Tail: false),
                let tail = ipv6Groups(bytes[(split + 2)...], allowsIPv4Tail: true),
                head.count + tail.count <= 7
            else { return nil }
            groups = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let all = ipv6Groups(bytes, allowsIPv4Tail: true), all.count == 8 else { return nil }
            groups = all
        }
        return groups.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }

    /// Colon-separated groups; an empty slice is zero groups, an empty group is an error.
    private static func ipv6Groups(_ bytes: ArraySlice<UInt8>, allowsIPv4Tail: Bool) -> [UInt16]? {
        if bytes.isEmpty { return [] }
        let parts = bytes.split(separator: colon, omittingEmptySubsequences: false)
        guard parts.count <= 8 else { return nil }
        var groups: [UInt16] = []
        for (position, part) in parts.enumerated() {
            if allowsIPv4Tail && position == parts.count - 1 && part.contains(dot) {
                guard let v4 = ipv4(part) else { return nil }
                groups.append(UInt16(truncatingIfNeeded: v4 >> 16))
                groups.append(UInt16(truncatingIfNeeded: v4))
                continue
            }
            guard (1...4).contains(part.count) else { return nil }
            var value: UInt16 = 0
            for byte in part {
                guard let digit = hexDigit(byte) else { return nil }
                value = value << 4 | UInt16(digit)
            }
            groups.append(value)
        }
        return groups
    }

    /// A decimal prefix length of at most three digits.
    static func prefixLength(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard (1...3).contains(bytes.count) else { return nil }
        var value = 0
        for byte in bytes {
            guard let digit = decimalDigit(byte) else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    private static func decimalDigit(_ byte: UInt8) -> UInt8? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? byte - UInt8(ascii: "0") : nil
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Canonical address text.
enum AddressFormatter {
    static func ipv4(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }

    /// RFC 5952: lowercase, no leading zeros, the first longest run of two or more zero groups as `::`,
    /// and IPv4-mapped addresses as `::ffff:a.b.c.d`.
    static func ipv6(_ value: UInt128) -> String {
        if value >> 32 == 0xFFFF {
            return "::ffff:" + ipv4(UInt32(truncatingIfNeeded: value))
        }
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: value >> (112 - 16 * $0)) }
        var bestStart = -1
        var bestLength = 1
        var runStart = -1
        for index in 0...8 {
            if index < 8 && groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength {
                    bestStart = runStart
                    bestLength = index - runStart
                }
                runStart = -1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return hex.joined(separator: ":") }
        let head = hex[..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
