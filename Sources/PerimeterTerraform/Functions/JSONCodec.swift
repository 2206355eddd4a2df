/// JSON as Terraform's `jsonencode` writes it (compact, object keys sorted by bytes, `<`, `>`, `&`,
/// U+2028 and U+2029 escaped as in Go) and as `jsondecode` reads it (numbers as Double, objects,
/// arrays as lists).
enum JSONCodec {
    /// Deeper nesting is rejected rather than risking the stack.
    static let maximumDepth = 512

    static func encode(_ value: Value) throws -> String {
        var output = ""
        try encode(value, into: &output)
        return output
    }

    private static func encode(_ value: Value, into output: inout String) throws {
        switch value {
        case .null: output += "null"
        case .bool(let bool): output += bool ? "true" : "false"
        case .number(let number):
            guard number.isFinite else { throw FunctionError("Cannot encode the number \(number) as JSON") }
            output += Value.formatNumber(number)
        case .string(let string): output += quote(string)
        case .list(let items), .set(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                try encode(item, into: &output)
            }
            output += "]"
        case .object(let fields):
            output += "{"
            for (index, key) in fields.keys.sorted(by: Value.lexicallyPrecedes).enumerated() {
                if index > 0 { output += "," }
                output += quote(key) + ":"
                try encode(fields[key] ?? .null, into: &output)
            }
            output += "}"
        case .unknown(let unknown): throw PendingUnknown(unknown: unknown)
        }
    }

    /// A JSON string literal with Go's HTML-safe escapes.
    static func quote(_ string: String) -> String {
        var output = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "<", ">", "&", "\u{2028}", "\u{2029}": output += unicodeEscape(scalar.value)
            default:
                if scalar.value < 0x20 { output += unicodeEscape(scalar.value) } else { output.unicodeScalars.append(scalar) }
            }
        }
        return output + "\""
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes[...]
        func digits() -> Int {
            let count = rest.prefix { (0x30...0x39).contains($0) }.count
            rest = rest.dropFirst(count)
            return count
        }
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        if rest.first == UInt8(ascii: "0") {
            rest = rest.dropFirst()
        } else if digits() == 0 {
            return false
        }
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            guard digits() > 0 else { return false }
        }
        if let marker = rest.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { rest = rest.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return rest.isEmpty
    }

    static func decode(_ text: String) throws -> Value {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == parser.bytes.count else { throw parser.failure("unexpected text after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        func failure(_ problem: String) -> FunctionError {
            FunctionError("Invalid JSON at byte \(position): \(problem)")
        }

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func parseValue(depth: Int) throws -> Value {
            guard depth < JSONCodec.maximumDepth else { throw failure("nesting is too deep") }
            guard position < bytes.count else { throw failure("unexpected end of input") }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
            case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
            case UInt8(ascii: "n"): return try parseLiteral("null", .null)
            default: return try parseNumber()
            }
        }

        mutating func parseLiteral(_ word: String, _ value: Value) throws -> Value {
            let expected = Array(word.utf8)
            guard bytes.count - position >= expected.count, Array(bytes[position..<position + expected.count]) == expected else {
                throw failure("invalid literal")
            }
            position += expected.count
            return value
        }

        mutating func parseNumber() throws -> Value {
            let start = position
            while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            guard JSONCodec.isJSONNumber(bytes[start..<position]), let number = Value.parseNumber(text) else {
                position = start
                throw failure("invalid value")
            }
            return .number(number)
        }

        mutating func parseString() throws -> String {
            position += 1
            var scalars = String.UnicodeScalarView()
            var chunkStart = position
            func flush(_ parser: Parser) {
                scalars.append(contentsOf: String(decoding: parser.bytes[chunkStart..<parser.position], as: UTF8.self).unicodeScalars)
            }
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    flush(self)
                    position += 1
                    return String(scalars)
                }
                if byte < 0x20 { throw failure("control character in string") }
                if byte == UInt8(ascii: "\\") {
                    flush(self)
                    scalars.append(try parseEscape())
                    chunkStart = position
                    continue
                }
                position += 1
            }
            throw failure("unterminated string")
        }

        mutating func parseEscape() throws -> Unicode.Scalar {
            position += 1
            guard position < bytes.count else { throw failure("unterminated escape") }
            let selector = bytes[position]
            position += 1
            switch selector {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                let first = try parseHex4()
                if (0xD800..<0xDC00).contains(first), bytes.count - position >= 6,
                    bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
                {
                    let saved = position
                    position += 2
                    let second = try parseHex4()
                    if (0xDC00..<0xE000).contains(second),
                        let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                    {
                        return scalar
                    }
                    position = saved
                }
                return Unicode.Scalar(first) ?? "\u{FFFD}"
            default: throw failure("invalid escape")
            }
        }

        mutating func parseHex4() throws -> UInt32 {
            guard bytes.count - position >= 4,
                let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
            else {
                throw failure("invalid unicode escape")
            }
            position += 4
            return value
        }

        mutating func parseArray(depth: Int) throws -> Value {
            position += 1
            var items: [Value] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .list(items)
            }
            while true {
                skipWhitespace()
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard position < bytes.count else { throw failure("unterminated array") }
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "]") { return .list(items) }
                guard byte == UInt8(ascii: ",") else { throw failure("expected ',' or ']'") }
            }
        }

        mutating func parseObject(depth: Int) throws -> Value {
            position += 1
            var fields: [String: Value] = [:]
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(fields)
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a key") }
                let key = try parseString()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':'") }
                position += 1
                skipWhitespace()
                fields[key] = try parseValue(depth: depth + 1)
                skipWhitespace()
                guard position < bytes.count else { throw failure("unterminated object") }
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "}") { return .object(fields) }
                guard byte == UInt8(ascii: ",") else { throw failure("expected ',' or '}'") }
            }
        }
    }
}
