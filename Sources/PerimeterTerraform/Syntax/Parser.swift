import PerimeterModel

/// The HCL native-syntax parser: recursive descent straight over UTF-8 bytes, no token buffer.
/// Newlines end attributes except inside brackets; `newlineSkipping` tracks which applies.
struct Parser {
    let bytes: [UInt8]
    let path: String
    var offset = 0
    var line = 1
    var column = 1
    /// Where parsing must stop (the end of a heredoc body, or of the input).
    var limit: Int
    var diagnostics: [Diagnostic] = []
    /// Whether newlines count as white space where the parser is now; a stack for nested brackets.
    var newlineSkipping: [Bool] = [false]

    static let maximumDiagnostics = 25
    /// Brackets, calls, conditionals and unary operators nested inside one another.
    static let maximumDepth = 200
    /// Levels of one expression's tree, where chains (`1+1+...`, `a.b.c...`, `x[0][0]...`) add a level per step.
    static let maximumExpressionDepth = 500
    /// Blocks nested inside blocks, and `%{ if }` / `%{ for }` directives inside one another.
    static let maximumBlockDepth = 100
    var depth = 0
    var blockDepth = 0

    init(source: String, path: String) {
        bytes = Array(source.utf8)
        self.path = path
        limit = bytes.count
    }

    // MARK: positions

    var position: SourceRange.Position { .init(line: line, column: column, offset: offset) }

    func range(from start: SourceRange.Position) -> SourceRange {
        SourceRange(file: path, start: start, end: position)
    }

    func location(_ position: SourceRange.Position) -> SourceLocation {
        SourceLocation(file: path, line: position.line, column: position.column)
    }

    var atEnd: Bool { offset >= limit }

    func peek(_ ahead: Int = 0) -> UInt8 {
        let index = offset + ahead
        return index < limit ? bytes[index] : 0
    }

    /// Moves one byte on, keeping line and column (columns count Unicode scalars, not bytes).
    mutating func advance() {
        guard offset < limit else { return }
        let byte = bytes[offset]
        offset += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    mutating func advance(_ count: Int) {
        for _ in 0..<count { advance() }
    }

    // MARK: errors

    struct Failure: Error {}

    mutating func error(_ message: String, at place: SourceRange.Position? = nil) -> Failure {
        let place = location(place ?? position)
        if diagnostics.count < Self.maximumDiagnostics,
            !diagnostics.contains(where: { $0.location?.line == place.line })
        {
            diagnostics.append(.error(message, at: place))
        }
        return Failure()
    }

    /// A short, printable description of the byte at the cursor for messages.
    var currentText: String {
        if atEnd { return "end of file" }
        let byte = peek()
        switch byte {
        case UInt8(ascii: "\n"): return "end of line"
        case UInt8(ascii: "\r"): return "end of line"
        default:
            var end = offset + 1
            while end < limit, bytes[end] & 0xC0 == 0x80 { end += 1 }
            return "'" + String(decoding: bytes[offset..<end], as: UTF8.self) + "'"
        }
    }

    mutating func withNewlines<T>(skipping: Bool, _ body: (inout Parser) throws(Failure) -> T) throws(Failure) -> T {
        newlineSkipping.append(skipping)
        defer { newlineSkipping.removeLast() }
        return try body(&self)
    }

    mutating func nested<T>(_ body: (inout Parser) throws(Failure) -> T) throws(Failure) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth < Self.maximumDepth else { throw error("Expression is nested too deeply") }
        return try body(&self)
    }

    /// Stops a chain of operators or traversal steps before its tree grows deeper than the evaluator may walk.
    mutating func checkChainDepth(_ expression: Expression, at place: SourceRange.Position) throws(Failure) {
        guard expression.depth > Self.maximumExpressionDepth else { return }
        throw error("Expression is nested too deeply (more than \(Self.maximumExpressionDepth) levels)", at: place)
    }
}
