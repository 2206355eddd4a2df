import PerimeterTerraform

/// Evaluates the small HCL subset the oracle cases are written in: literals (strings with
/// escapes, numbers, bools, null, tuples, objects) and function calls, which go to
/// `FunctionLibrary`. The same text is handed to `terraform console` verbatim.
struct OracleExpression {
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0

    static func evaluate(_ text: String, context: FunctionContext) throws -> Value {
        var parser = OracleExpression(scalars: Array(text.unicodeScalars))
        let value = try parser.expression(context)
        parser.skipSpaces()
        guard parser.position == parser.scalars.count else { throw ParseError(description: "trailing text in \(text)") }
        return value
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func skipSpaces() {
        while let scalar = current, scalar == " " || scalar == "\n" || scalar == "\t" { position += 1 }
    }

    private mutating func expect(_ scalar: Unicode.Scalar) throws {
        skipSpaces()
        guard current == scalar else { throw ParseError(description: "expected \(scalar) at \(position)") }
        position += 1
    }

    private mutating func expression(_ context: FunctionContext) throws -> Value {
        skipSpaces()
        guard let scalar = current else { throw ParseError(description: "unexpected end") }
        switch scalar {
        case "\"": return .string(try string())
        case "[":
            position += 1
            var items: [Value] = []
            while true {
                skipSpaces()
                if current == "]" {
                    position += 1
                    return .list(items)
                }
                items.append(try expression(context))
                skipSpaces()
                if current == "," { position += 1 }
            }
        case "{":
            position += 1
            var fields: [String: Value] = [:]
            while true {
                skipSpaces()
                if current == "}" {
                    position += 1
                    return .object(fields)
                }
                let key = current == "\"" ? try string() : identifier()
                skipSpaces()
                guard current == "=" || current == ":" else { throw ParseError(description: "expected = at \(position)") }
                position += 1
                fields[key] = try expression(context)
                skipSpaces()
                if current == "," { position += 1 }
            }
        case "-", "0"..."9": return .number(try number())
        default:
            let name = identifier()
            switch name {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            case "": throw ParseError(description: "unexpected \(scalar) at \(position)")
            default:
                try expect("(")
                var arguments: [Value] = []
                while true {
                    skipSpaces()
                    if current == ")" {
                        position += 1
                        break
                    }
                    arguments.append(try expression(context))
                    skipSpaces()
                    if current == "," { position += 1 }
                }
                return try FunctionLibrary.call(name, arguments, context: context)
            }
        }
    }

    private mutating func identifier() -> String {
        var name = ""
        while let scalar = current, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" {
            name.unicodeScalars.append(scalar)
            position += 1
        }
        return name
    }

    private mutating func number() throws -> Double {
        var text = ""
        while let scalar = current, "-+0123456789.eE".unicodeScalars.contains(scalar) {
            text.unicodeScalars.append(scalar)
            position += 1
        }
        guard let number = Double(text) else { throw ParseError(description: "bad number \(text)") }
        return number
    }

    private mutating func string() throws -> String {
        position += 1
        var output = ""
        while let scalar = current {
            position += 1
            switch scalar {
            case "\"": return output
            case "\\":
                guard let escaped = current else { break }
                position += 1
                switch escaped {
                case "n": output += "\n"
                case "r": output += "\r"
                case "t": output += "\t"
                case "u":
                    let hex = String(String.UnicodeScalarView(scalars[position..<min(position + 4, scalars.count)]))
                    position += 4
                    guard let code = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(code) else {
                        throw ParseError(description: "bad escape \\u\(hex)")
                    }
                    output.unicodeScalars.append(decoded)
                default: output.unicodeScalars.append(escaped)
                }
            case "$" where current == "$" && position + 1 < scalars.count && scalars[position + 1] == "{",
                "%" where current == "%" && position + 1 < scalars.count && scalars[position + 1] == "{":
                // `$${` and `%%{` are literal `${` and `%{` in HCL.
                output.unicodeScalars.append(scalar)
                position += 1
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        throw ParseError(description: "unterminated string")
    }
}
