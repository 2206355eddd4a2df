/// Standard base64 (RFC 4648, with padding), for user data that Terraform configurations encode
/// with `base64encode`.
enum Base64 {
    /// The decoded text, or nil when `text` is not base64 of valid UTF-8 (then it is plain text already).
    static func decodeText(_ text: String) -> String? {
        guard let bytes = decode(text), !bytes.isEmpty else { return nil }
        var decoded = ""
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): decoded.unicodeScalars.append(scalar)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        return decoded
    }

    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "="):
                padding += 1
                continue
            default:
                guard padding == 0, let value = value(of: byte) else { return nil }
                values.append(value)
            }
        }
        guard (values.count + padding) % 4 == 0, padding <= 2 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 3 / 4)
        var position = 0
        while position < values.count {
            let chunk = values[position..<min(position + 4, values.count)]
            let padded = Array(chunk) + Array(repeating: 0, count: 4 - chunk.count)
            let combined = UInt32(padded[0]) << 18 | UInt32(padded[1]) << 12 | UInt32(padded[2]) << 6 | UInt32(padded[3])
            let produced = [UInt8(truncatingIfNeeded: combined >> 16), UInt8(truncatingIfNeeded: combined >> 8),
                            UInt8(truncatingIfNeeded: combined)]
            guard chunk.count >= 2 else { return nil }
            bytes.append(contentsOf: produced.prefix(chunk.count - 1))
            position += 4
        }
        return bytes
    }

    private static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
