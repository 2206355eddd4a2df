/// Escapes and character classes: `\d`, `\pL`, `\x{...}`, octal, `\Q...\E`, `[...]`, `[[:alpha:]]`.
extension RE2Parser {
    /// A backslash outside a class: an assertion, a quoted literal run, a named class or one code point.
    mutating func escapeAtom() throws(RE2Error) -> [RE2Node] {
        guard let next = peek(1) else { throw RE2Error("trailing backslash at end of expression") }
        switch next {
        case "A":
            index += 2
            return [.assertion(.beginText)]
        case "z":
            index += 2
            return [.assertion(.endText)]
        case "b":
            index += 2
            return [.assertion(.wordBoundary)]
        case "B":
            index += 2
            return [.assertion(.noWordBoundary)]
        case "Q":
            index += 2
            var nodes: [RE2Node] = []
            while let scalar = peek() {
                if scalar == "\\", peek(1) == "E" {
                    index += 2
                    break
                }
                nodes.append(literal(scalar).node)
                index += 1
            }
            return nodes
        default:
            if let set = try namedClass() { return [.set(set)] }
            let value = try escapedScalar()
            return [literal(Unicode.Scalar(value)!).node]
        }
    }

    /// `\d \D \s \S \w \W` and `\pX \p{Name} \PX \p{^Name}` at the current position, folded under
    /// `(?i)` before any negation, as Go does; nil when the escape is not one of them.
    mutating func namedClass() throws(RE2Error) -> RE2CharSet? {
        guard peek() == "\\", let letter = peek(1) else { return nil }
        let start = index
        if "dDsSwW".unicodeScalars.contains(letter), let perl = RE2UnicodeClasses.perl[Character(String(letter).lowercased())] {
            index += 2
            return folded(perl, negated: ("A"..."Z").contains(letter))
        }
        guard letter == "p" || letter == "P" else { return nil }
        index += 2
        var name: String
        if peek() == "{" {
            guard let close = pattern[index...].firstIndex(of: "}") else {
                throw RE2Error("invalid character class range", text(start..<pattern.count))
            }
            name = text(index + 1..<close)
            index = close + 1
        } else {
            guard let single = peek() else { throw RE2Error("invalid character class range", text(start..<index)) }
            name = String(single)
            index += 1
        }
        var negated = letter == "P"
        if name.hasPrefix("^") {
            negated.toggle()
            name.removeFirst()
        }
        guard let set = RE2UnicodeClasses.unicode(name) else {
            throw RE2Error("invalid character class range", text(start..<index))
        }
        return folded(set, negated: negated)
    }

    func folded(_ set: RE2CharSet, negated: Bool) -> RE2CharSet {
        let closed = flags.caseInsensitive ? set.caseFolded() : set
        return negated ? closed.negated() : closed
    }

    /// One code point written as an escape: octal (`\0`, `\12`, `\012`), `\x41`, `\x{263a}`,
    /// `\a \f \n \r \t \v`, or escaped ASCII punctuation. `\1` alone is a backreference: refused.
    mutating func escapedScalar() throws(RE2Error) -> UInt32 {
        let start = index
        index += 1
        guard let scalar = peek() else { throw RE2Error("trailing backslash at end of expression") }
        index += 1
        func isOctal(_ scalar: Unicode.Scalar?) -> Bool { scalar.map { ("0"..."7").contains($0) } ?? false }
        switch scalar {
        case "1"..."7" where !isOctal(peek()):
            throw RE2Error("invalid escape sequence (RE2 has no backreferences)", text(start..<index))
        case "0"..."7":
            var value = scalar.value - 0x30
            for _ in 0..<2 where isOctal(peek()) {
                value = value * 8 + peek()!.value - 0x30
                index += 1
            }
            return value
        case "x":
            if peek() == "{" {
                index += 1
                var value: UInt32 = 0
                var digits = 0
                while let digit = peek(), let nibble = Self.hexValue(digit) {
                    value = value * 16 + nibble
                    digits += 1
                    index += 1
                    if value > RE2CharSet.maximumScalar { throw RE2Error("invalid escape sequence", text(start..<index)) }
                }
                guard digits > 0, peek() == "}" else { throw RE2Error("invalid escape sequence", text(start..<index + 1)) }
                index += 1
                return value
            }
            guard let high = peek().flatMap(Self.hexValue), let low = peek(1).flatMap(Self.hexValue) else {
                throw RE2Error("invalid escape sequence", text(start..<index + 2))
            }
            index += 2
            return high * 16 + low
        case "a": return 0x07
        case "f": return 0x0C
        case "n": return 0x0A
        case "r": return 0x0D
        case "t": return 0x09
        case "v": return 0x0B
        default:
            if scalar.value < 0x80, !Self.isNameScalar(scalar) || scalar == "_" { return scalar.value }
            throw RE2Error("invalid escape sequence", text(start..<index))
        }
    }

    static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 0x30
        case "a"..."f": return scalar.value - 0x61 + 10
        case "A"..."F": return scalar.value - 0x41 + 10
        default: return nil
        }
    }

    /// `[...]` or `[^...]`: members, ranges, `[:name:]`, `\d`, `\pL`; folded, then negated.
    mutating func characterClass() throws(RE2Error) -> RE2CharSet {
        let start = index
        index += 1
        var negated = false
        if peek() == "^" {
            negated = true
            index += 1
        }
        var set = RE2CharSet()
        var first = true
        while peek() != "]" || first {
            guard let scalar = peek() else { throw RE2Error("missing closing ]", text(start..<pattern.count)) }
            first = false
            if scalar == "[", peek(1) == ":", let posix = try posixClass() {
                set = set.union(posix)
                continue
            }
            if scalar == "\\", let named = try namedClass() {
                set = set.union(named)
                continue
            }
            let rangeStart = index
            let low = try classMember()
            var high = low
            if peek() == "-", let after = peek(1), after != "]" {
                index += 1
                high = try classMember()
                if high < low { throw RE2Error("invalid character class range", text(rangeStart..<index)) }
            }
            let range = RE2CharSet(ranges: [low...high])
            set = set.union(flags.caseInsensitive ? range.caseFolded() : range)
        }
        index += 1
        return negated ? set.negated() : set
    }

    /// `[:alpha:]` or `[:^alpha:]` at the current position; nil (nothing consumed) when no `:]`
    /// follows, which makes the `[` a plain member.
    mutating func posixClass() throws(RE2Error) -> RE2CharSet? {
        var cursor = index + 2
        while cursor + 1 < pattern.count, !(pattern[cursor] == ":" && pattern[cursor + 1] == "]") { cursor += 1 }
        guard cursor + 1 < pattern.count else { return nil }
        var name = text(index + 2..<cursor)
        let whole = text(index..<cursor + 2)
        let negated = name.hasPrefix("^")
        if negated { name.removeFirst() }
        guard let set = RE2UnicodeClasses.posix[name] else { throw RE2Error("invalid character class range", whole) }
        index = cursor + 2
        return folded(set, negated: negated)
    }

    mutating func classMember() throws(RE2Error) -> UInt32 {
        guard let scalar = peek() else { throw RE2Error("missing closing ]", text(0..<pattern.count)) }
        if scalar == "\\" { return try escapedScalar() }
        index += 1
        return scalar.value
    }
}
