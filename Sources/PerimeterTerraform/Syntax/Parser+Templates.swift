/// Quoted strings, heredocs and template files: literals, `${...}` interpolations and `%{...}` directives.
extension Parser {
    /// A template piece before `if` / `for` directives are nested.
    enum TemplateToken {
        case literal(String)
        case interpolation(Expression, stripLeft: Bool, stripRight: Bool)
        case directive(Directive, stripLeft: Bool, stripRight: Bool, at: SourceRange.Position)

        enum Directive {
            case ifOpen(Expression)
            case elseBranch
            case endIf
            case forOpen(key: String?, value: String, collection: Expression)
            case endFor
        }
    }

    enum TemplateMode {
        case quoted
        case heredoc
        case file
    }

    mutating func parseQuotedTemplate() throws(Failure) -> Expression {
        let start = position
        advance()
        let tokens = try scanTemplate(.quoted, openedAt: start)
        return Expression(.template(try buildTemplate(tokens)), range: range(from: start))
    }

    /// `<<EOT` or `<<-EOT`, up to the line that holds only the marker.
    mutating func parseHeredoc() throws(Failure) -> Expression {
        let start = position
        advance(2)
        let flush = consume("-")
        guard let marker = readIdentifier() else { throw error("Expected a heredoc marker such as EOT after '<<'") }
        skipSpace(newlines: false)
        guard atNewline, !atEnd else { throw error("Expected a newline after the heredoc marker '\(marker)'") }
        skipNewline()
        guard let end = findHeredocEnd(marker) else {
            offset = limit
            throw error("Heredoc '\(marker)' is never closed: add a line holding only '\(marker)'", at: start)
        }
        let outerLimit = limit
        limit = end.bodyEnd
        let tokens: [TemplateToken]
        do {
            tokens = try scanTemplate(.heredoc, openedAt: start)
        } catch {
            limit = outerLimit
            throw error
        }
        limit = outerLimit
        advance(end.markerEnd - offset)
        var parts = tokens
        if flush { parts = Self.stripIndentation(parts) }
        return Expression(.template(try buildTemplate(parts)), range: range(from: start))
    }

    /// The body ends where a line holds only the marker (with optional indentation).
    private func findHeredocEnd(_ marker: String) -> (bodyEnd: Int, markerEnd: Int)? {
        let markerBytes = Array(marker.utf8)
        var lineStart = offset
        while lineStart <= limit {
            var index = lineStart
            while index < limit, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            if index + markerBytes.count <= limit, Array(bytes[index..<(index + markerBytes.count)]) == markerBytes {
                let after = index + markerBytes.count
                if after == limit || bytes[after] == UInt8(ascii: "\n") || bytes[after] == UInt8(ascii: "\r") {
                    return (lineStart, after)
                }
            }
            guard let newline = bytes[lineStart..<limit].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            lineStart = newline + 1
        }
        return nil
    }

    /// Template tokens up to the closing quote (quoted) or the limit (heredoc, file).
    mutating func scanTemplate(_ mode: TemplateMode, openedAt: SourceRange.Position) throws(Failure) -> [TemplateToken] {
        var tokens: [TemplateToken] = []
        var literal: [UInt8] = []
        func flush(_ tokens: inout [TemplateToken], _ literal: inout [UInt8]) {
            if !literal.isEmpty {
                tokens.append(.literal(String(decoding: literal, as: UTF8.self)))
                literal.removeAll(keepingCapacity: true)
            }
        }
        while true {
            if atEnd {
                if mode == .quoted {
                    throw error(
                        "Unterminated string: the quote opened at \(openedAt.line):\(openedAt.column) is never closed", at: openedAt)
                }
                break
            }
            let byte = peek()
            if mode == .quoted {
                if byte == UInt8(ascii: "\"") {
                    advance()
                    break
                }
                if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n")) {
                    throw error(
                        "Unterminated string: a quoted string must end on the same line (use a heredoc for several lines)", at: openedAt)
                }
                if byte == UInt8(ascii: "\\") {
                    try readEscape(into: &literal)
                    continue
                }
            }
            if byte == UInt8(ascii: "$"), peek(1) == UInt8(ascii: "$"), peek(2) == UInt8(ascii: "{") {
                advance(3)
                literal.append(contentsOf: Array("${".utf8))
                continue
            }
            if byte == UInt8(ascii: "%"), peek(1) == UInt8(ascii: "%"), peek(2) == UInt8(ascii: "{") {
                advance(3)
                literal.append(contentsOf: Array("%{".utf8))
                continue
            }
            if byte == UInt8(ascii: "$"), peek(1) == UInt8(ascii: "{") {
                flush(&tokens, &literal)
                tokens.append(try scanInterpolation())
                continue
            }
            if byte == UInt8(ascii: "%"), peek(1) == UInt8(ascii: "{") {
                flush(&tokens, &literal)
                tokens.append(try scanDirective())
                continue
            }
            literal.append(byte)
            advance()
        }
        flush(&tokens, &literal)
        return tokens
    }

    private mutating func readEscape(into literal: inout [UInt8]) throws(Failure) {
        let start = position
        advance()
        let byte = peek()
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "n"): UInt8(ascii: "\n"), UInt8(ascii: "r"): UInt8(ascii: "\r"), UInt8(ascii: "t"): UInt8(ascii: "\t"),
            UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\")
        ]
        if let replacement = simple[byte] {
            literal.append(replacement)
            advance()
            return
        }
        if byte == UInt8(ascii: "u") || byte == UInt8(ascii: "U") {
            let count = byte == UInt8(ascii: "u") ? 4 : 8
            advance()
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let digit = Self.hexValue(peek()) else {
                    throw error(
                        "Invalid escape sequence: \\\(byte == UInt8(ascii: "u") ? "u" : "U") needs \(count) hexadecimal digits", at: start)
                }
                value = value * 16 + UInt32(digit)
                advance()
            }
            guard let scalar = Unicode.Scalar(value) else { throw error("Invalid Unicode code point in escape sequence", at: start) }
            literal.append(contentsOf: Array(String(Character(scalar)).utf8))
            return
        }
        let shown = atEnd ? "" : String(decoding: [byte], as: UTF8.self)
        throw error("Invalid escape sequence '\\\(shown)'", at: start)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        case 0x41...0x46: byte - 0x41 + 10
        default: nil
        }
    }

    private mutating func scanInterpolation() throws(Failure) -> TemplateToken {
        let open = position
        advance(2)
        let stripLeft = consume("~")
        return try withNewlines(skipping: true) { parser throws(Failure) -> TemplateToken in
            parser.skipSpace()
            let expression = try parser.parseExpression()
            parser.skipSpace()
            let stripRight = parser.consume("~")
            guard parser.consume("}") else {
                throw parser.error(
                    "Expected '}' to close the interpolation opened at \(open.line):\(open.column), not \(parser.currentText)")
            }
            return .interpolation(expression, stripLeft: stripLeft, stripRight: stripRight)
        }
    }

    private mutating func scanDirective() throws(Failure) -> TemplateToken {
        let open = position
        advance(2)
        let stripLeft = consume("~")
        return try withNewlines(skipping: true) { parser throws(Failure) -> TemplateToken in
            parser.skipSpace()
            guard let keyword = parser.readIdentifier() else { throw parser.error("Expected if, else, endif, for or endfor after '%{'") }
            parser.skipSpace()
            let directive: TemplateToken.Directive
            switch keyword {
            case "if":
                directive = .ifOpen(try parser.parseExpression())
            case "else":
                directive = .elseBranch
            case "endif":
                directive = .endIf
            case "endfor":
                directive = .endFor
            case "for":
                guard let first = parser.readIdentifier() else { throw parser.error("Expected a variable name after '%{for'") }
                var key: String?
                var value = first
                parser.skipSpace()
                if parser.consume(",") {
                    parser.skipSpace()
                    guard let second = parser.readIdentifier() else { throw parser.error("Expected a second variable name after ','") }
                    key = first
                    value = second
                    parser.skipSpace()
                }
                guard parser.peekIdentifier() == "in" else { throw parser.error("Expected 'in' in the %{for} directive") }
                parser.advance(2)
                parser.skipSpace()
                directive = .forOpen(key: key, value: value, collection: try parser.parseExpression())
            default:
                throw parser.error("Unknown template directive '\(keyword)': expected if, else, endif, for or endfor")
            }
            parser.skipSpace()
            let stripRight = parser.consume("~")
            guard parser.consume("}") else {
                throw parser.error("Expected '}' to close the directive opened at \(open.line):\(open.column), not \(parser.currentText)")
            }
            return .directive(directive, stripLeft: stripLeft, stripRight: stripRight, at: open)
        }
    }
}
