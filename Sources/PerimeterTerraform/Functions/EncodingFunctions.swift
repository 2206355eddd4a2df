/// JSON, YAML, base64, URL and CSV encodings.
enum EncodingFunctions {
    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("jsonencode", .exactly(1)) { arguments in
            .string(try JSONCodec.encode(arguments.wholly(0)))
        },
        FunctionDefinition("jsondecode", .exactly(1)) { arguments in
            try JSONCodec.decode(arguments.string(0))
        },
        FunctionDefinition("yamlencode", .exactly(1)) { arguments in
            .string(try YAMLEncoder.encode(arguments.wholly(0)))
        },
        FunctionDefinition("yamldecode", .exactly(1)) { arguments in
            try YAMLDecoder.decode(arguments.string(0))
        },
        FunctionDefinition("base64encode", .exactly(1)) { arguments in
            if case .unknown(let unknown) = arguments[0], let text = unknown.partial {
                let reason = unknown.derived(through: "base64encode").reason
                return .unknown(Unknown(reason: reason, base64Of: text))
            }
            return .string(Base64.encode(Array(try arguments.string(0).utf8)))
        },
        FunctionDefinition("base64decode", .exactly(1)) { arguments in
            // Decoding what base64encode() made of a partly known text gives that text back, still partly known.
            if case .unknown(let unknown) = arguments[0], let text = unknown.base64Of {
                return .unknown(Unknown(reason: unknown.derived(through: "base64decode").reason, partial: text))
            }
            let text = try arguments.string(0)
            guard let bytes = Base64.decode(text) else { throw arguments.error("Invalid base64 data '\(text)'") }
            guard let decoded = decodeUTF8(bytes) else {
                throw arguments.error("The result of decoding '\(text)' is not valid UTF-8")
            }
            return .string(decoded)
        },
        FunctionDefinition("textencodebase64", .exactly(2)) { arguments in
            let text = try arguments.string(0)
            guard isUTF8(try arguments.string(1)) else {
                throw PendingUnknown(unknown: Unknown(reason: "perimeter encodes text only as UTF-8"))
            }
            return .string(Base64.encode(Array(text.utf8)))
        },
        FunctionDefinition("textdecodebase64", .exactly(2)) { arguments in
            let text = try arguments.string(0)
            guard isUTF8(try arguments.string(1)) else {
                throw PendingUnknown(unknown: Unknown(reason: "perimeter decodes text only from UTF-8"))
            }
            guard let bytes = Base64.decode(text), let decoded = decodeUTF8(bytes) else {
                throw arguments.error("Invalid base64 UTF-8 data '\(text)'")
            }
            return .string(decoded)
        },
        FunctionDefinition("urlencode", .exactly(1)) { arguments in
            .string(urlEncode(try arguments.string(0)))
        },
        FunctionDefinition("csvdecode", .exactly(1)) { arguments in
            try CSVDecoder.decode(arguments.string(0))
        }
    ]

    /// The bytes as a string when they are valid UTF-8.
    static func decodeUTF8(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }

    static func isUTF8(_ encoding: String) -> Bool {
        ["utf-8", "utf8"].contains(encoding.lowercased())
    }

    /// Go's `url.QueryEscape`: unreserved characters stay, space becomes `+`, the rest `%XX`.
    static func urlEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "."), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                output += "+"
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count < 2 ? "0" : "") + hex
            }
        }
        return output
    }
}

/// Standard base64 with padding (Go's `StdEncoding`, which skips line breaks when decoding).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let padded = Array(chunk) + Array(repeating: 0, count: 3 - chunk.count)
            let value = UInt32(padded[0]) << 16 | UInt32(padded[1]) << 8 | UInt32(padded[2])
            for position in 0..<4 {
                if position <= chunk.count {
                    output.append(alphabet[Int((value >> UInt32(18 - 6 * position)) & 0x3F)])
                } else {
                    output.append(UInt8(ascii: "="))
                }
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let symbols = text.utf8.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        guard symbols.count % 4 == 0 else { return nil }
        var output: [UInt8] = []
        var index = 0
        while index < symbols.count {
            var value: UInt32 = 0
            var padding = 0
            for position in 0..<4 {
                let symbol = symbols[index + position]
                if symbol == UInt8(ascii: "=") {
                    // Padding only at the end of the last quantum.
                    guard index + 4 == symbols.count, position >= 2 else { return nil }
                    padding += 1
                    value <<= 6
                    continue
                }
                guard padding == 0, let digit = alphabet.firstIndex(of: symbol) else { return nil }
                value = value << 6 | UInt32(digit)
            }
            let decoded = [UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
            output += decoded.prefix(3 - padding)
            index += 4
        }
        return output
    }
}

/// CSV with a header row (RFC 4180 quoting), as `csvdecode` reads it: a list of objects.
enum CSVDecoder {
    static func decode(_ text: String) throws -> Value {
        let rows = try records(text)
        guard let header = rows.first else { return .list([]) }
        return .list(
            try rows.dropFirst().enumerated().map { offset, row in
                guard row.count == header.count else {
                    throw FunctionError("CSV line \(offset + 2) has \(row.count) fields, but the header has \(header.count)")
                }
                return .object(Dictionary(zip(header, row.map(Value.string)), uniquingKeysWith: { _, later in later }))
            })
    }

    private static func records(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var fieldStarted = false
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func endRow() {
            if fieldStarted || !row.isEmpty || !field.isEmpty {
                row.append(String(field))
                rows.append(row)
            }
            row = []
            field = String.UnicodeScalarView()
            fieldStarted = false
        }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if quoted {
                if scalar == "\"" {
                    if index < scalars.count, scalars[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                quoted = true
                fieldStarted = true
            case ",":
                row.append(String(field))
                field = String.UnicodeScalarView()
                fieldStarted = true
            case "\r" where index < scalars.count && scalars[index] == "\n":
                continue
            case "\n":
                endRow()
            default:
                field.append(scalar)
                fieldStarted = true
            }
        }
        guard !quoted else { throw FunctionError("CSV has an unterminated quoted field") }
        endRow()
        return rows
    }
}
