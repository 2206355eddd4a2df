/// A parsed RE2 pattern. Case folding, `.` and flags are resolved by the parser, so the tree
/// holds only sets of code points, assertions, groups and repetitions.
indirect enum RE2Node: Sendable {
    /// Matches the empty string.
    case empty
    /// One code point from the set (an empty set never matches).
    case set(RE2CharSet)
    case assertion(RE2Assertion)
    /// A capture group: its number (from 1) and the node inside.
    case capture(Int, RE2Node)
    case concatenation([RE2Node])
    case alternation([RE2Node])
    /// `min` to `max` repetitions (`max` nil: no limit).
    case repetition(RE2Node, min: Int, max: Int?, greedy: Bool)
}

/// Zero-width assertions, as Go's `EmptyOp` bits.
struct RE2Assertion: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let beginLine = RE2Assertion(rawValue: 1)
    static let endLine = RE2Assertion(rawValue: 2)
    static let beginText = RE2Assertion(rawValue: 4)
    static let endText = RE2Assertion(rawValue: 8)
    static let wordBoundary = RE2Assertion(rawValue: 16)
    static let noWordBoundary = RE2Assertion(rawValue: 32)

    /// The assertions that hold between the code points `before` and `after` (nil at the ends).
    static func holding(before: UInt32?, after: UInt32?) -> RE2Assertion {
        var holding: RE2Assertion = []
        if before == nil { holding.formUnion([.beginText, .beginLine]) }
        if before == 0x0A { holding.insert(.beginLine) }
        if after == nil { holding.formUnion([.endText, .endLine]) }
        if after == 0x0A { holding.insert(.endLine) }
        let wordBefore = before.map(RE2UnicodeClasses.isWordScalar) ?? false
        let wordAfter = after.map(RE2UnicodeClasses.isWordScalar) ?? false
        holding.insert(wordBefore != wordAfter ? .wordBoundary : .noWordBoundary)
        return holding
    }
}

/// A pattern RE2 refuses, with Go's wording (`missing closing )`) and the offending text.
struct RE2Error: Error, Hashable, Sendable, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    init(_ kind: String, _ text: some StringProtocol) { self.message = "\(kind): '\(text)'" }
    var description: String { message }
}

/// The inline flags of `(?imsU)`.
struct RE2Flags: Hashable, Sendable {
    var caseInsensitive = false
    var multiLine = false
    var dotMatchesNewline = false
    var ungreedy = false
}
