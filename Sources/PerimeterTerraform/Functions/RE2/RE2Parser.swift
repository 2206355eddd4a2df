/// Reads a pattern in RE2's syntax (as Go's `regexp/syntax` with its Perl flags) into a tree,
/// without recursion: groups are kept on an explicit stack, so nesting costs no call stack.
struct RE2Parser {
    /// Go's limit on the height of a parse tree.
    static let maximumHeight = 1000
    /// RE2's limit on a counted repetition, also on nested counted repetitions multiplied.
    static let maximumRepeat = 1000

    let pattern: [Unicode.Scalar]
    var index = 0
    var flags = RE2Flags()
    /// The name of each capture group, from group 1.
    var groupNames: [String?] = []

    /// One parsed piece of a concatenation, with what the limits need to know about it.
    struct Item {
        var node: RE2Node
        var height: Int
        /// The largest product of counted repetitions along any path inside.
        var repeatProduct: Int
    }

    /// An open group: its finished alternatives, the concatenation being read, and what to
    /// restore at its `)`.
    struct Frame {
        var alternatives: [Item] = []
        var items: [Item] = []
        var savedFlags: RE2Flags
        var capture: Int?
        var openedAt: Int
    }

    init(_ pattern: String) {
        self.pattern = Array(pattern.unicodeScalars)
    }

    static func parse(_ pattern: String) throws(RE2Error) -> (RE2Node, groupNames: [String?]) {
        var parser = RE2Parser(pattern)
        let node = try parser.parse()
        return (node, parser.groupNames)
    }

    var atEnd: Bool { index >= pattern.count }
    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < pattern.count ? pattern[index + offset] : nil
    }
    func text(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(pattern[max(0, range.lowerBound)..<min(pattern.count, range.upperBound)]))
    }

    mutating func parse() throws(RE2Error) -> RE2Node {
        var stack = [Frame(savedFlags: flags, capture: nil, openedAt: 0)]
        // The text of the previous token when it was a repetition operator (`a**` is refused).
        var lastRepeat: String?
        while let scalar = peek() {
            let tokenStart = index
            var repeatText: String?
            switch scalar {
            case "(":
                if peek(1) == "?" {
                    if let frame = try openPerlGroup() { stack.append(frame) }
                } else {
                    index += 1
                    groupNames.append(nil)
                    stack.append(Frame(savedFlags: flags, capture: groupNames.count, openedAt: tokenStart))
                }
            case ")":
                guard stack.count > 1 else { throw RE2Error("unexpected )", text(0..<index + 1)) }
                index += 1
                let frame = stack.removeLast()
                flags = frame.savedFlags
                var item = try Self.alternation(of: frame)
                if let number = frame.capture { item = try Self.wrapped(.capture(number, item.node), item) }
                stack[stack.count - 1].items.append(item)
            case "|":
                index += 1
                let concatenation = try Self.concatenation(stack[stack.count - 1].items)
                stack[stack.count - 1].alternatives.append(concatenation)
                stack[stack.count - 1].items = []
            case "*", "+", "?":
                index += 1
                let (min, max): (Int, Int?) = scalar == "*" ? (0, nil) : scalar == "+" ? (1, nil) : (0, 1)
                try repeatLast(&stack[stack.count - 1].items, min: min, max: max, tokenStart: tokenStart, lastRepeat: lastRepeat)
                repeatText = text(tokenStart..<index)
            case "{":
                if let (min, max) = try countedRepeat() {
                    try repeatLast(&stack[stack.count - 1].items, min: min, max: max, tokenStart: tokenStart, lastRepeat: lastRepeat)
                    repeatText = text(tokenStart..<index)
                } else {
                    index += 1
                    stack[stack.count - 1].items.append(literal(scalar))
                }
            default:
                for node in try atom() {
                    stack[stack.count - 1].items.append(Item(node: node, height: 1, repeatProduct: 1))
                }
            }
            lastRepeat = repeatText
        }
        guard stack.count == 1 else {
            throw RE2Error("missing closing )", text(stack[stack.count - 1].openedAt..<pattern.count))
        }
        return try Self.alternation(of: stack[0]).node
    }

    /// One token that is neither a group, `|` nor a repetition: a literal, `.`, `^`, `$`, a class
    /// or an escape (`\Q...\E` gives several literals).
    mutating func atom() throws(RE2Error) -> [RE2Node] {
        let scalar = pattern[index]
        switch scalar {
        case ".":
            index += 1
            let any = RE2CharSet(ranges: [0...RE2CharSet.maximumScalar])
            return [.set(flags.dotMatchesNewline ? any : RE2CharSet(ranges: [0...0x09, 0x0B...RE2CharSet.maximumScalar]))]
        case "^":
            index += 1
            return [.assertion(flags.multiLine ? .beginLine : .beginText)]
        case "$":
            index += 1
            return [.assertion(flags.multiLine ? .endLine : .endText)]
        case "[":
            return [.set(try characterClass())]
        case "\\":
            return try escapeAtom()
        default:
            index += 1
            return [literal(scalar).node]
        }
    }

    func literal(_ scalar: Unicode.Scalar) -> Item {
        let set = RE2CharSet.scalar(scalar.value)
        return Item(node: .set(flags.caseInsensitive ? set.caseFolded() : set), height: 1, repeatProduct: 1)
    }

    /// `(?flags)`, `(?flags:...)`, `(?P<name>...)` and `(?<name>...)`; anything else after `(?`
    /// (lookaround, backreferences by name, atomic groups) is not RE2.
    mutating func openPerlGroup() throws(RE2Error) -> Frame? {
        let start = index
        let third = peek(2)
        if third == "<" && (peek(3) == "=" || peek(3) == "!") {
            throw RE2Error("invalid or unsupported Perl syntax (RE2 has no lookbehind)", text(start..<start + 4))
        }
        if (third == "P" && peek(3) == "<") || third == "<" {
            let nameStart = start + (third == "P" ? 4 : 3)
            guard let close = pattern[nameStart...].firstIndex(of: ">") else {
                throw RE2Error("invalid named capture", text(start..<pattern.count))
            }
            let name = text(nameStart..<close)
            guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isNameScalar) else {
                throw RE2Error("invalid named capture", text(start..<close + 1))
            }
            // Go, unlike RE2, accepts a name twice (Terraform's object then keeps the last).
            index = close + 1
            groupNames.append(name)
            return Frame(savedFlags: flags, capture: groupNames.count, openedAt: start)
        }
        if third == "=" || third == "!" {
            throw RE2Error("invalid or unsupported Perl syntax (RE2 has no lookahead)", text(start..<start + 3))
        }
        index += 2
        var newFlags = flags
        var negated = false
        var sawFlag = false
        scan: while let scalar = peek() {
            index += 1
            switch scalar {
            case "i": newFlags.caseInsensitive = !negated
            case "m": newFlags.multiLine = !negated
            case "s": newFlags.dotMatchesNewline = !negated
            case "U": newFlags.ungreedy = !negated
            case "-":
                if negated { break scan }
                negated = true
                sawFlag = false
                continue scan
            case ":", ")":
                if negated && !sawFlag { break scan }
                if scalar == ")" {
                    flags = newFlags
                    return nil
                }
                let frame = Frame(savedFlags: flags, capture: nil, openedAt: start)
                flags = newFlags
                return frame
            default:
                break scan
            }
            sawFlag = true
        }
        throw RE2Error("invalid or unsupported Perl syntax", text(start..<index))
    }

    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }

    /// `{n}`, `{n,}` or `{n,m}` at the current position, consumed; nil (nothing consumed) when
    /// the brace does not start one, and is then a literal, as in Go.
    mutating func countedRepeat() throws(RE2Error) -> (Int, Int?)? {
        let start = index
        var cursor = index + 1
        // Digits without a leading zero; nil when there are none, -1 when too many.
        func number() -> Int? {
            let digitsStart = cursor
            while cursor < pattern.count, ("0"..."9").contains(pattern[cursor]) { cursor += 1 }
            let digits = text(digitsStart..<cursor)
            if digits.isEmpty || (digits.count > 1 && digits.hasPrefix("0")) { return nil }
            return digits.count > 8 ? -1 : Int(digits)
        }
        guard let minimum = number() else { return nil }
        var maximum: Int? = minimum
        if cursor < pattern.count, pattern[cursor] == "," {
            cursor += 1
            if cursor < pattern.count, pattern[cursor] == "}" {
                maximum = nil
            } else {
                guard let bound = number() else { return nil }
                maximum = bound
            }
        }
        guard cursor < pattern.count, pattern[cursor] == "}" else { return nil }
        index = cursor + 1
        if minimum < 0 || minimum > Self.maximumRepeat || (maximum.map { $0 < 0 || $0 > Self.maximumRepeat || $0 < minimum } ?? false) {
            throw RE2Error("invalid repeat count", text(start..<index))
        }
        return (minimum, maximum)
    }

    /// Applies a repetition operator (and a following `?` for the lazy form) to the last item.
    mutating func repeatLast(_ items: inout [Item], min: Int, max: Int?, tokenStart: Int, lastRepeat: String?) throws(RE2Error) {
        var greedy = !flags.ungreedy
        if peek() == "?" {
            index += 1
            greedy.toggle()
        }
        if let lastRepeat {
            throw RE2Error("invalid nested repetition operator", lastRepeat + text(tokenStart..<index))
        }
        guard let last = items.popLast() else {
            throw RE2Error("missing argument to repetition operator", text(tokenStart..<index))
        }
        let counted = pattern[tokenStart] == "{"
        var product = last.repeatProduct
        if counted {
            let bound = max ?? min
            product = bound == 0 ? 1 : Swift.min(bound * last.repeatProduct, Self.maximumRepeat + 1)
            if (min >= 2 || (max ?? 0) >= 2) && product > Self.maximumRepeat {
                throw RE2Error("invalid repeat count", text(tokenStart..<index))
            }
        }
        var item = try Self.wrapped(.repetition(last.node, min: min, max: max, greedy: greedy), last)
        item.repeatProduct = product
        items.append(item)
    }

    static func wrapped(_ node: RE2Node, _ inner: Item) throws(RE2Error) -> Item {
        try checked(Item(node: node, height: inner.height + 1, repeatProduct: inner.repeatProduct))
    }

    static func checked(_ item: Item) throws(RE2Error) -> Item {
        guard item.height <= maximumHeight else { throw RE2Error("expression nests too deeply") }
        return item
    }

    static func concatenation(_ items: [Item]) throws(RE2Error) -> Item {
        if items.count == 1 { return items[0] }
        if items.isEmpty { return Item(node: .empty, height: 1, repeatProduct: 1) }
        return try checked(
            Item(
                node: .concatenation(items.map(\.node)), height: (items.map(\.height).max() ?? 0) + 1,
                repeatProduct: items.map(\.repeatProduct).max() ?? 1))
    }

    static func alternation(of frame: Frame) throws(RE2Error) -> Item {
        let alternatives = frame.alternatives + [try concatenation(frame.items)]
        if alternatives.count == 1 { return alternatives[0] }
        return try checked(
            Item(
                node: .alternation(alternatives.map(\.node)), height: (alternatives.map(\.height).max() ?? 0) + 1,
                repeatProduct: alternatives.map(\.repeatProduct).max() ?? 1))
    }
}
