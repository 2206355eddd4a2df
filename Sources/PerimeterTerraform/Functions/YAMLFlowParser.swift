/// YAML flow collections (`[a, "b", {c: 1}]`) for `yamldecode`.
enum YAMLFlowParser {
    /// Whether brackets opened in `text` (outside quotes) are still open.
    static func isOpen(_ text: String) -> Bool {
        var depth = 0
        var quote: Unicode.Scalar?
        var escaped = false
        for scalar in text.unicodeScalars {
            if let open = quote {
                if escaped {
                    escaped = false
                } else if open == "\"", scalar == "\\" {
                    escaped = true
                } else if scalar == open {
                    quote = nil
                }
                continue
            }
            switch scalar {
            case "\"", "'": quote = scalar
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            default: break
            }
        }
        return depth > 0 || quote != nil
    }

    static func parse(_ text: String, line: Int) throws -> Value {
        var cursor = Cursor(scalars: Array(text.unicodeScalars), line: line)
        let value = try cursor.parseValue(depth: 0)
        cursor.skipSpaces()
        if cursor.position < cursor.scalars.count, cursor.scalars[cursor.position] != "#" {
            throw cursor.failure("unexpected text after a flow collection")
        }
        return value
    }

    private struct Cursor {
        let scalars: [Unicode.Scalar]
        let line: Int
        var position = 0

        init(scalars: [Unicode.Scalar], line: Int) {
            self.scalars = scalars
            self.line = line
        }

        func failure(_ problem: String) -> FunctionError {
            FunctionError("Invalid YAML near line \(line): \(problem)")
        }

        var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        mutating func skipSpaces() {
            while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" { position += 1 }
        }

        mutating func parseValue(depth: Int) throws -> Value {
            guard depth < JSONCodec.maximumDepth else { throw failure("nesting is too deep") }
            skipSpaces()
            switch current {
            case "[": return try parseSequence(depth: depth)
            case "{": return try parseMapping(depth: depth)
            case "\"", "'": return .string(try parseQuoted())
            case "&", "*", "!": throw failure("anchors, aliases and tags are not supported")
            default: return YAMLScalars.resolvePlain(parsePlain())
            }
        }

        mutating func parseSequence(depth: Int) throws -> Value {
            position += 1
            var items: [Value] = []
            while true {
                skipSpaces()
                if current == "]" {
                    position += 1
                    return .list(items)
                }
                items.append(try parseValue(depth: depth + 1))
                skipSpaces()
                switch current {
                case ",": position += 1
                case "]": continue
                default: throw failure("expected ',' or ']' in a flow sequence")
                }
            }
        }

        mutating func parseMapping(depth: Int) throws -> Value {
            position += 1
            var fields: [String: Value] = [:]
            while true {
                skipSpaces()
                if current == "}" {
                    position += 1
                    return .object(fields)
                }
                let key = try parseValue(depth: depth + 1)
                skipSpaces()
                var value = Value.null
                if current == ":" {
                    position += 1
                    value = try parseValue(depth: depth + 1)
                    skipSpaces()
                }
                fields[key.toStringValue() ?? "null"] = value
                switch current {
                case ",": position += 1
                case "}": continue
                default: throw failure("expected ',' or '}' in a flow mapping")
                }
            }
        }

        mutating func parseQuoted() throws -> String {
            let rest = String(String.UnicodeScalarView(scalars[position...]))
            guard let end = YAMLDecoder.closingQuote(Substring(rest)) else { throw failure("unterminated quoted string") }
            let quoted = Substring(rest)[...end]
            position += quoted.unicodeScalars.count
            return try YAMLDecoder.unquote(quoted)
        }

        /// A plain scalar ends at `,`, a closing bracket, `: ` or ` #`.
        mutating func parsePlain() -> String {
            var text = String.UnicodeScalarView()
            while let scalar = current {
                if scalar == "," || scalar == "]" || scalar == "}" || scalar == "[" || scalar == "{" { break }
                if scalar == ":" {
                    let next = position + 1 < scalars.count ? scalars[position + 1] : " "
                    if [" ", ",", "]", "}", "\n"].contains(next) { break }
                }
                if scalar == "#", text.last == " " { break }
                text.append(scalar)
                position += 1
            }
            return String(YAMLDecoder.trimmed(Substring(String(text))))
        }
    }
}

/// Escape sequences of double-quoted YAML scalars.
enum YAMLEscapes {
    /// Decodes the escape whose selector is at `position`; returns the text and how many scalars
    /// it used. An escaped line break yields empty text.
    static func decode(_ scalars: [Unicode.Scalar], at position: Int) throws -> (String, Int) {
        let selector = scalars[position]
        let simple: [Unicode.Scalar: String] = [
            "0": "\u{0}", "a": "\u{7}", "b": "\u{8}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{B}",
            "f": "\u{C}", "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\",
            "N": "\u{85}", "_": "\u{A0}", "L": "\u{2028}", "P": "\u{2029}", "\n": ""
        ]
        if let text = simple[selector] { return (text, 1) }
        let width: Int
        switch selector {
        case "x": width = 2
        case "u": width = 4
        case "U": width = 8
        default: throw FunctionError("Invalid YAML escape '\\\(selector)'")
        }
        guard position + width < scalars.count,
            let code = UInt32(String(String.UnicodeScalarView(scalars[(position + 1)...(position + width)])), radix: 16),
            let scalar = Unicode.Scalar(code)
        else {
            throw FunctionError("Invalid YAML escape '\\\(selector)'")
        }
        return (String(scalar), 1 + width)
    }
}
