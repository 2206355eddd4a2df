/// A small JSON writer with ordered object members, for documents perimeter renders itself
/// (IAM policy documents) so they read like the ones AWS and the provider produce.
enum JSONText {
    indirect enum Node: Sendable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        case array([Node])
        /// Members in the order they are written.
        case object([(String, Node)])
    }

    /// Compact JSON text of a node.
    static func write(_ node: Node) -> String {
        var output = ""
        write(node, into: &output)
        return output
    }

    private static func write(_ node: Node, into output: inout String) {
        switch node {
        case .string(let text): quote(text, into: &output)
        case .number(let number): output += ValueText.number(number)
        case .bool(let bool): output += bool ? "true" : "false"
        case .null: output += "null"
        case .array(let items):
            output += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { output += "," }
                write(item, into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (offset, member) in members.enumerated() {
                if offset > 0 { output += "," }
                quote(member.0, into: &output)
                output += ":"
                write(member.1, into: &output)
            }
            output += "}"
        }
    }

    private static func quote(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    /// A known Terraform value as JSON (object keys sorted, as `jsonencode` writes them); unknowns become null.
    static func encode(_ value: Value) -> String { write(node(value)) }

    static func node(_ value: Value) -> Node {
        switch value {
        case .null, .unknown: .null
        case .bool(let bool): .bool(bool)
        case .number(let number): .number(number)
        case .string(let text): .string(text)
        case .list(let items), .set(let items): .array(items.map(node))
        case .object(let fields): .object(fields.keys.sorted().map { ($0, node(fields[$0] ?? .null)) })
        }
    }
}
