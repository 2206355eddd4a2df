/// YAML as Terraform's `yamlencode` writes it (go-yaml's emitter as configured by cty): block
/// style, keys sorted and double-quoted, strings double-quoted (folded past column 80) or, when
/// they hold a newline, literal blocks; sequences under a key are not indented; empty collections
/// as `[]` and `{}`; a bare scalar document ends with `...`.
struct YAMLEncoder {
    private static let bestWidth = 80
    private static let indentStep = 2

    private var output = ""
    private var column = 0
    /// go-yaml adds `...` after a document that is a bare plain scalar.
    private var openEnded = false

    static func encode(_ value: Value) throws -> String {
        try Arguments.requireWhollyKnown(value)
        var encoder = YAMLEncoder()
        switch value {
        case .list(let items) where !items.isEmpty, .set(let items) where !items.isEmpty:
            encoder.writeSequence(items, indent: 0)
        case .object(let fields) where !fields.isEmpty:
            encoder.writeMapping(fields, indent: 0)
        default:
            encoder.writeScalar(value, indent: 2, root: true)
        }
        encoder.newline()
        if encoder.openEnded { encoder.output += "...\n" }
        return encoder.output
    }

    private mutating func write(_ text: String) {
        output += text
        column += text.unicodeScalars.count
    }

    private mutating func newline() {
        if column > 0 || output.isEmpty { output += "\n" }
        column = 0
    }

    private mutating func startLine(indent: Int) {
        newline()
        write(String(repeating: " ", count: indent))
    }

    private static func isBlockCollection(_ value: Value) -> Bool {
        switch value {
        case .list(let items), .set(let items): !items.isEmpty
        case .object(let fields): !fields.isEmpty
        default: false
        }
    }

    /// Items start at `indent` (the current column when called from a `- ` of an outer sequence).
    private mutating func writeSequence(_ items: [Value], indent: Int) {
        for (position, item) in items.enumerated() {
            if position > 0 || column != indent { startLine(indent: indent) }
            write("- ")
            writeNode(item, indent: indent + YAMLEncoder.indentStep, inSequence: true)
        }
    }

    private mutating func writeMapping(_ fields: [String: Value], indent: Int) {
        for (position, key) in fields.keys.sorted(by: Value.lexicallyPrecedes).enumerated() {
            if position > 0 || column != indent { startLine(indent: indent) }
            writeDoubleQuoted(key, indent: indent, allowBreaks: false)
            write(":")
            let value = fields[key] ?? .null
            if YAMLEncoder.isBlockCollection(value) {
                // A sequence under a key is written at the key's own indentation.
                let isSequence = value.elements != nil
                startLine(indent: isSequence ? indent : indent + YAMLEncoder.indentStep)
                writeNode(value, indent: isSequence ? indent : indent + YAMLEncoder.indentStep, inSequence: false)
            } else {
                write(" ")
                writeScalar(value, indent: indent + YAMLEncoder.indentStep, root: false)
            }
        }
    }

    private mutating func writeNode(_ value: Value, indent: Int, inSequence: Bool) {
        switch value {
        case .list(let items) where !items.isEmpty, .set(let items) where !items.isEmpty:
            writeSequence(items, indent: indent)
        case .object(let fields) where !fields.isEmpty:
            writeMapping(fields, indent: indent)
        default:
            writeScalar(value, indent: indent, root: false)
        }
    }

    private mutating func writeScalar(_ value: Value, indent: Int, root: Bool) {
        switch value {
        case .null: writePlain("null", root: root)
        case .bool(let bool): writePlain(bool ? "true" : "false", root: root)
        case .number(let number): writePlain(Value.formatNumber(number), root: root)
        case .string(let string):
            if string.unicodeScalars.contains("\n"), YAMLEncoder.allowsLiteralBlock(string) {
                writeLiteral(string, indent: indent, root: root)
            } else {
                writeDoubleQuoted(string, indent: indent, allowBreaks: true)
            }
        case .list: write("[]")
        case .set: write("[]")
        case .object: write("{}")
        case .unknown: write("null")
        }
    }

    private mutating func writePlain(_ text: String, root: Bool) {
        write(text)
        if root { openEnded = true }
    }

    /// go-yaml's printable set: other characters force double quotes with escapes.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD: scalar.value != 0xFEFF
        default: false
        }
    }

    private static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        ["\r", "\n", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar)
    }

    /// A literal block is refused for non-printable characters (tabs included), a space before a
    /// line break, or a trailing space.
    private static func allowsLiteralBlock(_ string: String) -> Bool {
        let scalars = Array(string.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if !isPrintable(scalar) { return false }
            if scalar == " ", index + 1 < scalars.count, isBreak(scalars[index + 1]) { return false }
        }
        return scalars.last != " "
    }

    private mutating func writeLiteral(_ string: String, indent: Int, root: Bool) {
        let scalars = Array(string.unicodeScalars)
        var header = "|"
        if let first = scalars.first, first == " " || YAMLEncoder.isBreak(first) { header += String(YAMLEncoder.indentStep) }
        if let last = scalars.last, YAMLEncoder.isBreak(last) {
            if scalars.count == 1 || YAMLEncoder.isBreak(scalars[scalars.count - 2]) {
                header += "+"
            }
        } else {
            header += "-"
        }
        write(header)
        output += "\n"
        column = 0
        var atLineStart = true
        for scalar in scalars {
            if YAMLEncoder.isBreak(scalar) {
                output.unicodeScalars.append(scalar)
                column = 0
                atLineStart = true
            } else {
                if atLineStart {
                    write(String(repeating: " ", count: indent))
                    atLineStart = false
                }
                output.unicodeScalars.append(scalar)
                column += 1
            }
        }
    }

    /// A double-quoted scalar; long ones break at a space past column 80, as go-yaml does.
    private mutating func writeDoubleQuoted(_ string: String, indent: Int, allowBreaks: Bool) {
        let scalars = Array(string.unicodeScalars)
        write("\"")
        var afterSpace = false
        for (index, scalar) in scalars.enumerated() {
            if !YAMLEncoder.isPrintable(scalar) || YAMLEncoder.isBreak(scalar) || scalar == "\"" || scalar == "\\" {
                write(YAMLEncoder.escape(scalar))
                afterSpace = false
            } else if scalar == " " {
                if allowBreaks, !afterSpace, column > YAMLEncoder.bestWidth, index != 0, index != scalars.count - 1 {
                    startLine(indent: indent)
                    if index + 1 < scalars.count, scalars[index + 1] == " " { write("\\") }
                } else {
                    write(" ")
                }
                afterSpace = true
            } else {
                output.unicodeScalars.append(scalar)
                column += 1
                afterSpace = false
            }
        }
        write("\"")
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00: return "\\0"
        case 0x07: return "\\a"
        case 0x08: return "\\b"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0B: return "\\v"
        case 0x0C: return "\\f"
        case 0x0D: return "\\r"
        case 0x1B: return "\\e"
        case 0x22: return "\\\""
        case 0x5C: return "\\\\"
        case 0x85: return "\\N"
        case 0xA0: return "\\_"
        case 0x2028: return "\\L"
        case 0x2029: return "\\P"
        default:
            let (marker, width) = scalar.value <= 0xFF ? ("x", 2) : scalar.value <= 0xFFFF ? ("u", 4) : ("U", 8)
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "\\" + marker + String(repeating: "0", count: max(0, width - hex.count)) + hex
        }
    }
}
