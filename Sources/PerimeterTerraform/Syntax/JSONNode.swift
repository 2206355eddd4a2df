import PerimeterModel

/// A JSON value with the position it was written at.
indirect enum JSONNode {
    struct Member {
        var key: String
        var keyPosition: SourceRange.Position
        var value: JSONNode
    }

    case object([Member], SourceRange.Position)
    case array([JSONNode], SourceRange.Position)
    case string(String, SourceRange.Position)
    case number(Double, SourceRange.Position)
    case bool(Bool, SourceRange.Position)
    case null(SourceRange.Position)

    var position: SourceRange.Position {
        switch self {
        case .object(_, let p), .array(_, let p), .string(_, let p), .number(_, let p), .bool(_, let p), .null(let p): p
        }
    }

    func range(_ path: String) -> SourceRange { SourceRange(file: path, start: position, end: position) }
}

/// A strict JSON reader over the parser's cursor, for `.tf.json` positions.
extension Parser {
    mutating func skipJSONSpace() {
        while !atEnd {
            switch peek() {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): advance()
            default: return
            }
        }
    }

    mutating func parseJSONValue() throws(Failure) -> JSONNode {
        try nested { parser throws(Failure) in try parser.parseJSONValueUnnested() }
    }

    private mutating func parseJSONValueUnnested() throws(Failure) -> JSONNode {
        let start = position
        switch peek() {
        case UInt8(ascii: "{"):
            advance()
            var members: [JSONNode.Member] = []
            skipJSONSpace()
            if consume("}") { return .object(members, start) }
            while true {
                skipJSONSpace()
                let keyPosition = position
                guard peek() == UInt8(ascii: "\"") else { throw error("Expected a quoted property name, not \(currentText)") }
                let key = try parseJSONString()
                skipJSONSpace()
                guard consume(":") else { throw error("Expected ':' after the property name \"\(key)\"") }
                skipJSONSpace()
                members.append(JSONNode.Member(key: key, keyPosition: keyPosition, value: try parseJSONValue()))
                skipJSONSpace()
                if consume(",") { continue }
                if consume("}") { return .object(members, start) }
                throw error("Expected ',' or '}' in the object opened at \(start.line):\(start.column), not \(currentText)")
            }
        case UInt8(ascii: "["):
            advance()
            var items: [JSONNode] = []
            skipJSONSpace()
            if consume("]") { return .array(items, start) }
            while true {
                skipJSONSpace()
                items.append(try parseJSONValue())
                skipJSONSpace()
                if consume(",") { continue }
                if consume("]") { return .array(items, start) }
                throw error("Expected ',' or ']' in the array opened at \(start.line):\(start.column), not \(currentText)")
            }
        case UInt8(ascii: "\""):
            return .string(try parseJSONString(), start)
        case UInt8(ascii: "t") where consume("true"): return .bool(true, start)
        case UInt8(ascii: "f") where consume("false"): return .bool(false, start)
        case UInt8(ascii: "n") where consume("null"): return .null(start)
        case UInt8(ascii: "-"), 0x30...0x39:
            let negative = consume("-")
            guard Self.isDigit(peek()) else { throw error("Invalid JSON number") }
            let number = try readNumber()
            return .number(negative ? -number : number, start)
        default:
            throw error(atEnd ? "Unexpected end of JSON input" : "Unexpected \(currentText) in JSON")
        }
    }

    private mutating func parseJSONString() throws(Failure) -> String {
        let start = position
        advance()
        var bytes: [UInt8] = []
        while true {
            guard !atEnd else { throw error("Unterminated JSON string", at: start) }
            let byte = peek()
            if byte == UInt8(ascii: "\"") {
                advance()
                return String(decoding: bytes, as: UTF8.self)
            }
            if byte < 0x20 { throw error("Control character in a JSON string; write it as an escape", at: position) }
            if byte == UInt8(ascii: "\\") {
                advance()
                let escape = peek()
                advance()
                switch escape {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): bytes.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): bytes.append(UInt8(ascii: "\r"))
                case UInt8(ascii: "t"): bytes.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "u"):
                    var value: UInt32 = 0
                    for _ in 0..<4 {
                        guard let digit = Self.hexDigit(peek()) else { throw error("Invalid \\u escape in a JSON string") }
                        value = value * 16 + UInt32(digit)
                        advance()
                    }
                    if (0xD800..<0xDC00).contains(value), lookingAt("\\u") {
                        advance(2)
                        var low: UInt32 = 0
                        for _ in 0..<4 {
                            guard let digit = Self.hexDigit(peek()) else { throw error("Invalid \\u escape in a JSON string") }
                            low = low * 16 + UInt32(digit)
                            advance()
                        }
                        value = 0x10000 + ((value - 0xD800) << 10) + (low &- 0xDC00)
                    }
                    let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                    bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw error("Invalid escape in a JSON string")
                }
                continue
            }
            bytes.append(byte)
            advance()
        }
    }

    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        case 0x41...0x46: byte - 0x41 + 10
        default: nil
        }
    }
}
