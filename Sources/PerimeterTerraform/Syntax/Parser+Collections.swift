/// Tuple and object constructors, and `for` expressions.
extension Parser {
    mutating func parseTuple() throws(Failure) -> Expression {
        let start = position
        advance()
        return try withNewlines(skipping: true) { parser throws(Failure) -> Expression in
            parser.skipSpace()
            if parser.isForKeyword {
                return try parser.parseFor(object: false, start: start)
            }
            var items: [Expression] = []
            while parser.peek() != UInt8(ascii: "]") {
                guard !parser.atEnd else { throw parser.error("Unclosed '[' opened at \(start.line):\(start.column)", at: start) }
                items.append(try parser.parseExpression())
                parser.skipSpace()
                if parser.consume(",") {
                    parser.skipSpace()
                } else if parser.peek() != UInt8(ascii: "]") {
                    throw parser.error("Expected ',' or ']' in the list opened at \(start.line):\(start.column), not \(parser.currentText)")
                }
            }
            parser.advance()
            return Expression(.tuple(items), range: parser.range(from: start))
        }
    }

    mutating func parseObject() throws(Failure) -> Expression {
        let start = position
        advance()
        let isFor = try withNewlines(skipping: true) { parser throws(Failure) -> Bool in
            parser.skipSpace()
            return parser.isForKeyword
        }
        if isFor {
            return try withNewlines(skipping: true) { parser throws(Failure) in try parser.parseFor(object: true, start: start) }
        }
        // Items are separated by newlines or commas, so newlines matter between them.
        return try withNewlines(skipping: false) { parser throws(Failure) -> Expression in
            var items: [ObjectItem] = []
            parser.skipBlankLines()
            while parser.peek() != UInt8(ascii: "}") {
                guard !parser.atEnd else { throw parser.error("Unclosed '{' opened at \(start.line):\(start.column)", at: start) }
                items.append(try parser.parseObjectItem())
                parser.skipSpace(newlines: false)
                if parser.consume(",") {
                    parser.skipBlankLines()
                } else if parser.atNewline {
                    parser.skipBlankLines()
                } else if parser.peek() != UInt8(ascii: "}") {
                    throw parser.error("Expected a newline, ',' or '}' after an object item, not \(parser.currentText)")
                }
            }
            parser.advance()
            return Expression(.object(items), range: parser.range(from: start))
        }
    }

    private mutating func parseObjectItem() throws(Failure) -> ObjectItem {
        var key = try parseExpression()
        var bare = false
        if case .variable(let name) = key.kind {
            key = Expression(.template([.literal(name)]), range: key.range)
            bare = true
        }
        skipSpace(newlines: false)
        guard (peek() == UInt8(ascii: "=") && peek(1) != UInt8(ascii: "=")) || peek() == UInt8(ascii: ":") else {
            throw error("Expected '=' or ':' after an object key, not \(currentText)")
        }
        advance()
        skipSpace(newlines: false)
        guard !atNewline else { throw error("Expected a value after the object key") }
        let value = try parseExpression()
        return ObjectItem(key: key, value: value, keyIsBareIdentifier: bare)
    }

    /// `for` followed by a variable name (so an object key named "for" still works).
    var isForKeyword: Bool {
        guard lookingAt("for"), !Self.isIdentifierContinue(peek(3)) else { return false }
        var index = offset + 3
        while index < limit, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        return index < limit && Self.isIdentifierStart(bytes[index])
    }

    /// After `[` or `{`: `for k, v in coll : [key =>] value[...] [if cond]` and the closing bracket.
    private mutating func parseFor(object: Bool, start: SourceRange.Position) throws(Failure) -> Expression {
        advance(3)
        skipSpace()
        guard let first = readIdentifier() else { throw error("Expected a variable name after 'for'") }
        var keyVariable: String?
        var valueVariable = first
        skipSpace()
        if consume(",") {
            skipSpace()
            guard let second = readIdentifier() else { throw error("Expected a second variable name after ',' in the for expression") }
            keyVariable = first
            valueVariable = second
            skipSpace()
        }
        guard peekIdentifier() == "in" else { throw error("Expected 'in' after the variables of the for expression, not \(currentText)") }
        advance(2)
        skipSpace()
        let collection = try parseExpression()
        try expect(":") { "Expected ':' after the collection of the for expression, not \($0.currentText)" }
        skipSpace()
        var keyExpression: Expression?
        if object {
            keyExpression = try parseExpression()
            try expect("=>") { "Expected '=>' between the key and the value of the for expression, not \($0.currentText)" }
            skipSpace()
        }
        let valueExpression = try parseExpression()
        skipSpace()
        var grouping = false
        if object, consume("...") {
            grouping = true
            skipSpace()
        }
        var condition: Expression?
        if peekIdentifier() == "if" {
            advance(2)
            skipSpace()
            condition = try parseExpression()
            skipSpace()
        }
        let close: StaticString = object ? "}" : "]"
        guard consume(close) else {
            throw error(
                "Expected '\(object ? "}" : "]")' to close the for expression opened at \(start.line):\(start.column), not \(currentText)")
        }
        let forExpression = ForExpression(
            keyVariable: keyVariable, valueVariable: valueVariable, collection: collection,
            keyExpression: keyExpression, valueExpression: valueExpression,
            condition: condition, grouping: grouping)
        return Expression(.forExpression(forExpression), range: range(from: start))
    }
}
