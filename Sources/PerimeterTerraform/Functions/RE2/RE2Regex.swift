/// A regular expression with Go's `regexp` syntax and semantics (RE2): leftmost-first
/// matching on code points, in time linear in the input.
struct RE2Regex: Sendable {
    /// Work allowed for one search, in instruction visits: far above any real use
    /// (`instructions x code points`), it stops a huge program on a huge input.
    static let defaultStepLimit = 2_000_000_000

    let pattern: String
    let program: RE2Program
    /// The name of each capture group (nil when unnamed), from group 1.
    let groupNames: [String?]
    var stepLimit = RE2Regex.defaultStepLimit

    init(_ pattern: String) throws(RE2Error) {
        self.pattern = pattern
        let (node, names) = try RE2Parser.parse(pattern)
        groupNames = names
        program = try RE2Program.compile(node, groupCount: names.count)
    }

    var groupCount: Int { groupNames.count }

    /// A match: capture slots as code point offsets into the searched text.
    struct Match: Hashable, Sendable {
        var slots: [Int]
        var range: Range<Int> { slots[0]..<slots[1] }

        /// The offsets of group `number` (0 for the whole match); nil when it took no part.
        func group(_ number: Int) -> Range<Int>? {
            guard 2 * number + 1 < slots.count, slots[2 * number] >= 0, slots[2 * number + 1] >= 0 else { return nil }
            return slots[2 * number]..<slots[2 * number + 1]
        }
    }

    /// Go's `FindStringSubmatchIndex` from `start` (the text before it still counts for `^` and `\b`).
    func firstMatch(in text: [Unicode.Scalar], from start: Int = 0, steps: inout Int) throws(RE2Error) -> Match? {
        var machine = RE2Machine(program, stepLimit: stepLimit - steps)
        defer { steps += machine.steps }
        return try machine.firstMatch(in: text, from: start).map(Match.init)
    }

    func firstMatch(in text: [Unicode.Scalar]) throws(RE2Error) -> Match? {
        var steps = 0
        return try firstMatch(in: text, steps: &steps)
    }

    /// Go's `FindAllStringSubmatchIndex`: successive matches, where an empty match right after
    /// the previous match is dropped and the search then moves on one code point.
    func allMatches(in text: [Unicode.Scalar], steps: inout Int) throws(RE2Error) -> [Match] {
        var matches: [Match] = []
        var position = 0
        var previousEnd = -1
        var machine = RE2Machine(program, stepLimit: stepLimit - steps)
        defer { steps += machine.steps }
        while position <= text.count, let match = try machine.firstMatch(in: text, from: position).map(Match.init) {
            var accept = true
            if match.range.upperBound == position {
                if match.range.lowerBound == previousEnd { accept = false }
                position += 1
            } else {
                position = match.range.upperBound
            }
            previousEnd = match.range.upperBound
            if accept { matches.append(match) }
        }
        return matches
    }

    func allMatches(in text: [Unicode.Scalar]) throws(RE2Error) -> [Match] {
        var steps = 0
        return try allMatches(in: text, steps: &steps)
    }

    /// Go's `ReplaceAllString`: every match replaced by the template with `$1`, `${1}`,
    /// `$name`, `${name}` and `$$` expanded; an empty match right after a match is not replaced.
    func replaceAll(in text: [Unicode.Scalar], with template: String, steps: inout Int) throws(RE2Error) -> String {
        var output = String.UnicodeScalarView()
        let template = Array(template.unicodeScalars)
        var lastMatchEnd = 0
        var searchPosition = 0
        var machine = RE2Machine(program, stepLimit: stepLimit - steps)
        defer { steps += machine.steps }
        while searchPosition <= text.count, let match = try machine.firstMatch(in: text, from: searchPosition).map(Match.init) {
            output.append(contentsOf: text[lastMatchEnd..<match.range.lowerBound])
            if match.range.upperBound > lastMatchEnd || match.range.lowerBound == 0 {
                expand(template, match, text, into: &output)
            }
            lastMatchEnd = match.range.upperBound
            searchPosition = max(searchPosition + 1, match.range.upperBound)
        }
        output.append(contentsOf: text[lastMatchEnd...])
        return String(output)
    }

    /// Go's `Regexp.expand`: a reference is the longest run of letters, digits and `_` after
    /// `$` (or braced); a number names a group by position, other names by name; unknown
    /// groups expand to nothing; a malformed `$` stays as it is.
    private func expand(_ template: [Unicode.Scalar], _ match: Match, _ text: [Unicode.Scalar], into output: inout String.UnicodeScalarView)
    {
        var index = 0
        while index < template.count {
            let scalar = template[index]
            index += 1
            guard scalar == "$" else {
                output.append(scalar)
                continue
            }
            if index < template.count, template[index] == "$" {
                output.append("$")
                index += 1
                continue
            }
            var cursor = index
            let braced = cursor < template.count && template[cursor] == "{"
            if braced { cursor += 1 }
            let nameStart = cursor
            while cursor < template.count, Self.isReferenceScalar(template[cursor]) { cursor += 1 }
            let name = template[nameStart..<cursor]
            if name.isEmpty || (braced && (cursor >= template.count || template[cursor] != "}")) {
                output.append("$")
                continue
            }
            index = braced ? cursor + 1 : cursor
            if let range = groups(named: name).lazy.compactMap(match.group).first {
                output.append(contentsOf: text[range])
            }
        }
    }

    /// The groups a reference names: digits without a leading zero are a number, anything else
    /// a name (the first of its groups that took part is used).
    private func groups(named name: ArraySlice<Unicode.Scalar>) -> [Int] {
        let isNumber = name.allSatisfy { ("0"..."9").contains($0) } && (name.count == 1 || name.first != "0") && name.count <= 8
        let text = String(String.UnicodeScalarView(name))
        if isNumber { return [Int(text)!] }
        return groupNames.indices.filter { groupNames[$0] == text }.map { $0 + 1 }
    }

    private static func isReferenceScalar(_ scalar: Unicode.Scalar) -> Bool {
        let category = scalar.properties.generalCategory
        switch category {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber: return true
        default: return scalar == "_"
        }
    }
}
