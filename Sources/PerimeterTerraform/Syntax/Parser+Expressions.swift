/// Expressions: operators by precedence, terms, traversals, collections and `for` expressions.
extension Parser {
    private static let levels: [[(StaticString, BinaryOperator)]] = [
        [("||", .or)],
        [("&&", .and)],
        [("==", .equal), ("!=", .notEqual)],
        [("<=", .lessOrEqual), (">=", .greaterOrEqual), ("<", .less), (">", .greater)],
        [("+", .add), ("-", .subtract)],
        [("*", .multiply), ("/", .divide), ("%", .modulo)]
    ]

    mutating func parseExpression() throws(Failure) -> Expression {
        try nested { parser throws(Failure) in try parser.parseConditional() }
    }

    private mutating func parseConditional() throws(Failure) -> Expression {
        let start = position
        let condition = try parseBinary(level: 0)
        skipSpace()
        guard peek() == UInt8(ascii: "?") else { return condition }
        advance()
        skipSpace()
        let then = try parseExpression()
        skipSpace()
        guard consume(":") else { throw error("Expected ':' after the true result of the conditional, not \(currentText)") }
        skipSpace()
        let otherwise = try parseExpression()
        return Expression(.conditional(condition: condition, then: then, else: otherwise), range: range(from: start))
    }

    private mutating func parseBinary(level: Int) throws(Failure) -> Expression {
        guard level < Self.levels.count else { return try parseUnary() }
        let start = position
        var lhs = try parseBinary(level: level + 1)
        while true {
            skipSpace()
            let operatorStart = position
            guard let op = matchOperator(Self.levels[level]) else { return lhs }
            skipSpace()
            if atNewline && !(newlineSkipping.last ?? false) {
                throw error("Expected an operand after '\(op.rawValue)'; to continue on the next line, wrap the expression in parentheses")
            }
            let rhs = try parseBinary(level: level + 1)
            lhs = Expression(.binary(op, lhs, rhs), range: range(from: start))
            try checkChainDepth(lhs, at: operatorStart)
        }
    }

    private mutating func matchOperator(_ candidates: [(StaticString, BinaryOperator)]) -> BinaryOperator? {
        for (text, op) in candidates where lookingAt(text) {
            // `=>` of a for expression and `==` are not `=`; a `/` here is never a comment (already skipped).
            if op == .greater || op == .less, peek(1) == UInt8(ascii: "=") { continue }
            advance(text.utf8CodeUnitCount)
            return op
        }
        return nil
    }

    private mutating func parseUnary() throws(Failure) -> Expression {
        let start = position
        if peek() == UInt8(ascii: "!") || peek() == UInt8(ascii: "-") {
            let op: UnaryOperator = peek() == UInt8(ascii: "!") ? .not : .negate
            advance()
            skipSpace()
            let operand = try nested { parser throws(Failure) in try parser.parseUnary() }
            return Expression(.unary(op, operand), range: range(from: start))
        }
        let term = try parseTerm()
        return try parsePostfix(term, start: start)
    }

    private mutating func parseTerm() throws(Failure) -> Expression {
        let start = position
        let byte = peek()
        if Self.isDigit(byte) {
            return Expression(.literal(.number(try readNumber())), range: range(from: start))
        }
        switch byte {
        case UInt8(ascii: "\""):
            return try parseQuotedTemplate()
        case UInt8(ascii: "<") where peek(1) == UInt8(ascii: "<"):
            return try parseHeredoc()
        case UInt8(ascii: "("):
            advance()
            let inner = try withNewlines(skipping: true) { parser throws(Failure) -> Expression in
                parser.skipSpace()
                let inner = try parser.parseExpression()
                try parser.expect(")") { "Expected ')' to close the '(' at \(start.line):\(start.column), not \($0.currentText)" }
                return inner
            }
            return Expression(.parenthesized(inner), range: range(from: start))
        case UInt8(ascii: "["):
            return try parseTuple()
        case UInt8(ascii: "{"):
            return try parseObject()
        default:
            break
        }
        guard let name = readIdentifier() else {
            if atEnd { throw error("Expected an expression, not end of file") }
            if atNewline { throw error("Expected an expression before the end of the line") }
            throw error("Expected an expression, not \(currentText)")
        }
        switch name {
        case "true": return Expression(.literal(.bool(true)), range: range(from: start))
        case "false": return Expression(.literal(.bool(false)), range: range(from: start))
        case "null": return Expression(.literal(.null), range: range(from: start))
        default: break
        }
        var fullName = name
        while lookingAt("::"), Self.isIdentifierStart(peek(2)) {
            advance(2)
            fullName += "::" + (readIdentifier() ?? "")
        }
        let beforeSpace = (offset, line, column)
        skipSpace(newlines: false)
        if peek() == UInt8(ascii: "(") {
            return try parseCall(fullName, start: start)
        }
        (offset, line, column) = beforeSpace
        if fullName != name { throw error("Expected '(' after the function name '\(fullName)'") }
        return Expression(.variable(name), range: range(from: start))
    }

    private mutating func parseCall(_ name: String, start: SourceRange.Position) throws(Failure) -> Expression {
        advance()
        return try withNewlines(skipping: true) { parser throws(Failure) -> Expression in
            var arguments: [Expression] = []
            var expandFinal = false
            parser.skipSpace()
            while parser.peek() != UInt8(ascii: ")") {
                guard !parser.atEnd else {
                    throw parser.error("Unclosed '(' of the call to '\(name)' opened at \(start.line):\(start.column)", at: start)
                }
                arguments.append(try parser.parseExpression())
                parser.skipSpace()
                if parser.consume("...") {
                    expandFinal = true
                    parser.skipSpace()
                    guard parser.peek() == UInt8(ascii: ")") else {
                        throw parser.error("'...' may only follow the last argument of '\(name)'")
                    }
                    break
                }
                if parser.consume(",") {
                    parser.skipSpace()
                } else if parser.peek() != UInt8(ascii: ")") {
                    throw parser.error("Expected ',' or ')' in the arguments of '\(name)', not \(parser.currentText)")
                }
            }
            parser.advance()
            return Expression(.functionCall(name: name, arguments: arguments, expandFinal: expandFinal), range: parser.range(from: start))
        }
    }

    /// Attribute access, indexes and splats after a term.
    private mutating func parsePostfix(_ term: Expression, start: SourceRange.Position) throws(Failure) -> Expression {
        var expression = term
        while true {
            try checkChainDepth(expression, at: position)
            let saved = (offset, line, column)
            skipSpace()
            if peek() == UInt8(ascii: "."), peek(1) == UInt8(ascii: "*") {
                advance(2)
                let steps = try parseSplatSteps(full: false)
                expression = Expression(.splat(expression, traversal: steps), range: range(from: start))
            } else if peek() == UInt8(ascii: "."), Self.isIdentifierStart(peek(1)) || Self.isDigit(peek(1)) {
                advance()
                expression = Expression(try parseDotStep(on: expression), range: range(from: start))
            } else if peek() == UInt8(ascii: "[") {
                advance()
                let splat = try withNewlines(skipping: true) { parser throws(Failure) -> Bool in
                    parser.skipSpace()
                    guard parser.peek() == UInt8(ascii: "*") else { return false }
                    let afterStar = parser.peek(1)
                    guard afterStar == UInt8(ascii: "]") || afterStar == UInt8(ascii: " ") else { return false }
                    parser.advance()
                    try parser.expect("]") { _ in "Expected ']' after '[*'" }
                    return true
                }
                if splat {
                    let steps = try parseSplatSteps(full: true)
                    expression = Expression(.splat(expression, traversal: steps), range: range(from: start))
                } else {
                    let key = try parseIndexKey()
                    expression = Expression(.index(expression, key), range: range(from: start))
                }
            } else {
                (offset, line, column) = saved
                return expression
            }
        }
    }

    private mutating func parseDotStep(on expression: Expression) throws(Failure) -> ExpressionKind {
        let stepStart = position
        if Self.isDigit(peek()) {
            let digitsStart = offset
            while !atEnd, Self.isDigit(peek()) { advance() }
            let digits = String(decoding: bytes[digitsStart..<offset], as: UTF8.self)
            let key = Expression(.literal(.number(Double(digits) ?? 0)), range: range(from: stepStart))
            return .index(expression, key)
        }
        guard let name = readIdentifier() else { throw error("Expected an attribute name after '.'") }
        return .getAttribute(expression, name)
    }

    /// The `[key]` after its '[' has been consumed.
    private mutating func parseIndexKey() throws(Failure) -> Expression {
        try withNewlines(skipping: true) { parser throws(Failure) -> Expression in
            let open = parser.position
            parser.skipSpace()
            let key = try parser.parseExpression()
            parser.skipSpace()
            guard parser.consume("]") else {
                throw parser.error("Expected ']' to close the index opened at \(open.line):\(open.column), not \(parser.currentText)")
            }
            return key
        }
    }

    /// Steps that apply to every element of a splat: `.name` (and `[key]` for a full splat).
    private mutating func parseSplatSteps(full: Bool) throws(Failure) -> [TraversalStep] {
        var steps: [TraversalStep] = []
        while true {
            let saved = (offset, line, column)
            skipSpace()
            if peek() == UInt8(ascii: "."), Self.isIdentifierStart(peek(1)) || Self.isDigit(peek(1)) {
                advance()
                let stepStart = position
                if Self.isDigit(peek()) {
                    let digitsStart = offset
                    while !atEnd, Self.isDigit(peek()) { advance() }
                    let digits = String(decoding: bytes[digitsStart..<offset], as: UTF8.self)
                    steps.append(.index(Expression(.literal(.number(Double(digits) ?? 0)), range: range(from: stepStart))))
                } else if let name = readIdentifier() {
                    steps.append(.attribute(name))
                }
            } else if full, peek() == UInt8(ascii: "["), !lookingAt("[*]") {
                advance()
                steps.append(.index(try parseIndexKey()))
            } else {
                (offset, line, column) = saved
                return steps
            }
        }
    }
}
