/// Bodies, attributes and blocks.
extension Parser {
    mutating func parseFileBody() -> Body {
        let start = position
        let body = parseBodyItems(openedAt: nil)
        return Body(attributes: body.attributes, blocks: body.blocks, range: range(from: start))
    }

    /// Items up to the closing brace of a block (consumed), or to the end of the input at the top level.
    private mutating func parseBodyItems(openedAt: SourceRange.Position?) -> (attributes: [Attribute], blocks: [Block]) {
        var attributes: [Attribute] = []
        var blocks: [Block] = []
        var names = Set<String>()
        while true {
            skipBlankLines()
            if atEnd {
                if let openedAt { _ = error("Unclosed '{' opened at \(openedAt.line):\(openedAt.column)", at: openedAt) }
                break
            }
            if peek() == UInt8(ascii: "}") {
                if openedAt != nil {
                    advance()
                    break
                }
                _ = error("Unexpected '}': there is no block to close")
                advance()
                continue
            }
            let before = offset
            do {
                switch try parseItem() {
                case .attribute(let attribute):
                    if !names.insert(attribute.name).inserted {
                        _ = error("Attribute '\(attribute.name)' is defined more than once in this body", at: attribute.range.start)
                    }
                    attributes.append(attribute)
                case .block(let block):
                    blocks.append(block)
                }
            } catch {
                recover()
            }
            if offset == before { advance() }
        }
        return (attributes, blocks)
    }

    private enum Item {
        case attribute(Attribute)
        case block(Block)
    }

    private mutating func parseItem() throws(Failure) -> Item {
        let start = position
        guard let name = readIdentifier() else {
            throw error("Expected an attribute or block name, not \(currentText)")
        }
        skipSpace(newlines: false)
        if peek() == UInt8(ascii: "="), peek(1) != UInt8(ascii: "=") {
            advance()
            let attribute = try parseAttributeValue(name: name, start: start)
            skipSpace(newlines: false)
            guard atNewline else {
                throw error("Expected a newline after the value of '\(name)', not \(currentText)")
            }
            return .attribute(attribute)
        }
        var labels: [String] = []
        while true {
            skipSpace(newlines: false)
            if peek() == UInt8(ascii: "\"") {
                labels.append(try parseLabel())
            } else if let label = readIdentifier() {
                labels.append(label)
            } else if peek() == UInt8(ascii: "{") {
                break
            } else if labels.isEmpty {
                throw error("Expected '=' or '{' after '\(name)', not \(currentText)")
            } else {
                throw error("Expected '{' to open the '\(name)' block, not \(currentText)")
            }
        }
        let open = position
        if blockDepth >= Self.maximumBlockDepth {
            _ = error("Blocks are nested too deeply (more than \(Self.maximumBlockDepth) levels)", at: open)
            skipBalancedBlock()
            return .block(
                Block(
                    type: name, labels: labels, body: Body(attributes: [], blocks: [], range: range(from: open)),
                    range: range(from: start)))
        }
        advance()
        skipSpace(newlines: false)
        let body: Body
        if atNewline {
            blockDepth += 1
            let items = parseBodyItems(openedAt: open)
            blockDepth -= 1
            body = Body(attributes: items.attributes, blocks: items.blocks, range: range(from: open))
        } else {
            body = try parseOneLineBody(open: open, blockName: name)
        }
        skipSpace(newlines: false)
        guard atNewline else {
            throw error("Expected a newline after the closing '}' of the '\(name)' block, not \(currentText)")
        }
        return .block(Block(type: name, labels: labels, body: body, range: range(from: start)))
    }

    private mutating func parseAttributeValue(name: String, start: SourceRange.Position) throws(Failure) -> Attribute {
        skipSpace(newlines: false)
        guard !atNewline else { throw error("Expected a value for '\(name)' after '='") }
        let expression = try withNewlines(skipping: false) { parser throws(Failure) in try parser.parseExpression() }
        return Attribute(name: name, expression: expression, range: range(from: start))
    }

    /// `name { }` or `name { attribute = value }` on one line.
    private mutating func parseOneLineBody(open: SourceRange.Position, blockName: String) throws(Failure) -> Body {
        var attributes: [Attribute] = []
        if peek() != UInt8(ascii: "}") {
            let start = position
            guard let name = readIdentifier() else {
                throw error("Expected an attribute or a newline after '{' of the '\(blockName)' block, not \(currentText)")
            }
            skipSpace(newlines: false)
            guard peek() == UInt8(ascii: "="), peek(1) != UInt8(ascii: "=") else {
                throw error("A block on one line holds at most one attribute; put nested blocks on their own lines")
            }
            advance()
            attributes.append(try parseAttributeValue(name: name, start: start))
            skipSpace(newlines: false)
        }
        guard consume("}") else {
            throw error("Expected '}' to close the one-line '\(blockName)' block, not \(currentText)")
        }
        return Body(attributes: attributes, blocks: [], range: range(from: open))
    }

    private mutating func parseLabel() throws(Failure) -> String {
        let start = position
        let expression = try parseQuotedTemplate()
        guard case .template(let parts) = expression.kind, parts.allSatisfy({ if case .literal = $0 { true } else { false } }) else {
            throw error("Block labels must be plain strings, without interpolation", at: start)
        }
        return parts.map { if case .literal(let text) = $0 { text } else { "" } }.joined()
    }

    /// Skips from a '{' to its matching '}' without building anything, stepping over quoted text.
    mutating func skipBalancedBlock() {
        var depth = 0
        while !atEnd {
            switch peek() {
            case UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 {
                    advance()
                    return
                }
            case UInt8(ascii: "\""):
                advance()
                while !atEnd, peek() != UInt8(ascii: "\""), peek() != UInt8(ascii: "\n") {
                    if peek() == UInt8(ascii: "\\") { advance() }
                    advance()
                }
            default:
                break
            }
            advance()
        }
    }

    /// After an error: skip to the end of the line, stepping over bracketed and quoted text, and stop
    /// before a '}' that may close the enclosing block.
    mutating func recover() {
        var depth = 0
        while !atEnd {
            let byte = peek()
            switch byte {
            case UInt8(ascii: "\n") where depth == 0:
                return
            case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"):
                if depth == 0 { return }
                depth -= 1
            case UInt8(ascii: "\""):
                advance()
                while !atEnd, peek() != UInt8(ascii: "\""), peek() != UInt8(ascii: "\n") {
                    if peek() == UInt8(ascii: "\\") { advance() }
                    advance()
                }
            default:
                break
            }
            advance()
        }
    }
}
