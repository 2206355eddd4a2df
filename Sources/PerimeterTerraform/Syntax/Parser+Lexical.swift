/// White space, comments, identifiers, numbers and punctuation.
extension Parser {
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "-")
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Skips spaces, tabs, comments and (where they do not matter) newlines.
    mutating func skipSpace() {
        skipSpace(newlines: newlineSkipping.last ?? false)
    }

    mutating func skipSpace(newlines: Bool) {
        while !atEnd {
            switch peek() {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                advance()
            case UInt8(ascii: "\r") where peek(1) == UInt8(ascii: "\n") && newlines:
                advance(2)
            case UInt8(ascii: "\r") where peek(1) != UInt8(ascii: "\n"):
                advance()
            case UInt8(ascii: "\n") where newlines:
                advance()
            case UInt8(ascii: "#"):
                skipLineComment()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                skipLineComment()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                skipBlockComment()
            default:
                return
            }
        }
    }

    /// Up to, not including, the newline: it still ends the attribute.
    private mutating func skipLineComment() {
        while !atEnd, peek() != UInt8(ascii: "\n") {
            if peek() == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") { return }
            advance()
        }
    }

    private mutating func skipBlockComment() {
        let start = position
        advance(2)
        while !atEnd {
            if peek() == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                advance(2)
                return
            }
            advance()
        }
        _ = error("Comment opened with '/*' is never closed", at: start)
    }

    /// True at a newline (or CRLF), or where the input ends.
    var atNewline: Bool {
        atEnd || peek() == UInt8(ascii: "\n") || (peek() == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n"))
    }

    mutating func skipNewline() {
        if peek() == UInt8(ascii: "\r") { advance() }
        if peek() == UInt8(ascii: "\n") { advance() }
    }

    /// Skips white space, comments and newlines between body items.
    mutating func skipBlankLines() {
        while true {
            skipSpace(newlines: false)
            if !atEnd && atNewline {
                skipNewline()
            } else {
                return
            }
        }
    }

    mutating func readIdentifier() -> String? {
        guard !atEnd, Self.isIdentifierStart(peek()) else { return nil }
        let start = offset
        while !atEnd, Self.isIdentifierContinue(peek()) { advance() }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    var atIdentifier: Bool { !atEnd && Self.isIdentifierStart(peek()) }

    /// The identifier at the cursor, without consuming it.
    func peekIdentifier() -> String? {
        guard offset < limit, Self.isIdentifierStart(bytes[offset]) else { return nil }
        var end = offset
        while end < limit, Self.isIdentifierContinue(bytes[end]) { end += 1 }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    func lookingAt(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard offset + count <= limit else { return false }
        return text.withUTF8Buffer { buffer in
            for index in 0..<count where bytes[offset + index] != buffer[index] { return false }
            return true
        }
    }

    /// Consumes `text` if it is next.
    mutating func consume(_ text: StaticString) -> Bool {
        guard lookingAt(text) else { return false }
        advance(text.utf8CodeUnitCount)
        return true
    }

    /// Consumes `text` after white space, or fails with the message built from the parser's state.
    mutating func expect(_ text: StaticString, _ message: (Parser) -> String) throws(Failure) {
        skipSpace()
        guard consume(text) else { throw error(message(self)) }
    }

    /// `[0-9]+ ("." [0-9]+)? ([eE] [+-]? [0-9]+)?`
    mutating func readNumber() throws(Failure) -> Double {
        let start = offset
        let startPosition = position
        while !atEnd, Self.isDigit(peek()) { advance() }
        if peek() == UInt8(ascii: "."), Self.isDigit(peek(1)) {
            advance()
            while !atEnd, Self.isDigit(peek()) { advance() }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let next = peek(1)
            let sign = next == UInt8(ascii: "+") || next == UInt8(ascii: "-")
            if Self.isDigit(sign ? peek(2) : next) {
                advance(sign ? 2 : 1)
                while !atEnd, Self.isDigit(peek()) { advance() }
            }
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard let number = Double(text) else { throw error("Invalid number '\(text)'", at: startPosition) }
        return number
    }
}
