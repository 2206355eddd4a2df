/// Glob patterns as `fileset` reads them: `*` and `?` within one path segment, `**` across
/// segments, `[a-z]` / `[^a-z]` classes, `{a,b}` alternatives and `\` escapes.
struct GlobPattern {
    private let alternatives: [[String]]

    init(_ pattern: String) {
        alternatives = GlobPattern.expandBraces(pattern).map { $0.split(separator: "/", omittingEmptySubsequences: true).map(String.init) }
    }

    func matches(_ path: String) -> Bool {
        let segments = path.split(separator: "/").map(String.init)
        return alternatives.contains { GlobPattern.match($0[...], segments[...]) }
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            return (0...path.count).contains { match(pattern.dropFirst(), path.dropFirst($0)) }
        }
        guard let segment = path.first, matchSegment(Array(first.unicodeScalars)[...], Array(segment.unicodeScalars)[...]) else {
            return false
        }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func matchSegment(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let head = pattern.first else { return text.isEmpty }
        switch head {
        case "*":
            return (0...text.count).contains { matchSegment(pattern.dropFirst(), text.dropFirst($0)) }
        case "?":
            return !text.isEmpty && matchSegment(pattern.dropFirst(), text.dropFirst())
        case "[":
            guard let character = text.first, let (matched, rest) = matchClass(pattern.dropFirst(), character) else {
                return false
            }
            return matched && matchSegment(rest, text.dropFirst())
        case "\\" where pattern.count > 1:
            let literal = pattern[pattern.index(after: pattern.startIndex)]
            return text.first == literal && matchSegment(pattern.dropFirst(2), text.dropFirst())
        default:
            return text.first == head && matchSegment(pattern.dropFirst(), text.dropFirst())
        }
    }

    /// Whether `character` is in the class that starts after `[`, and the pattern after `]`.
    private static func matchClass(_ pattern: ArraySlice<Unicode.Scalar>, _ character: Unicode.Scalar)
        -> (Bool, ArraySlice<Unicode.Scalar>)?
    {
        var rest = pattern
        var negated = false
        if let first = rest.first, first == "^" || first == "!" {
            negated = true
            rest = rest.dropFirst()
        }
        var matched = false
        var isFirst = true
        while let low = rest.first {
            if low == "]", !isFirst { return (matched != negated, rest.dropFirst()) }
            isFirst = false
            rest = rest.dropFirst()
            if rest.count >= 2, rest.first == "-", let high = rest.dropFirst().first, high != "]" {
                if low <= character, character <= high { matched = true }
                rest = rest.dropFirst(2)
            } else if low == character {
                matched = true
            }
        }
        return nil
    }

    /// `a{b,c}d` becomes `abd` and `acd`; nested braces expand recursively.
    static func expandBraces(_ pattern: String) -> [String] {
        let scalars = Array(pattern.unicodeScalars)
        guard let open = scalars.firstIndex(of: "{") else { return [pattern] }
        var depth = 0
        var options: [[Unicode.Scalar]] = [[]]
        var index = open
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "{" {
                depth += 1
                if depth > 1 { options[options.count - 1].append(scalar) }
            } else if scalar == "}" {
                depth -= 1
                if depth == 0 { break }
                options[options.count - 1].append(scalar)
            } else if scalar == ",", depth == 1 {
                options.append([])
            } else {
                options[options.count - 1].append(scalar)
            }
            index += 1
        }
        guard index < scalars.count else { return [pattern] }
        let prefix = String(String.UnicodeScalarView(scalars[..<open]))
        let suffix = String(String.UnicodeScalarView(scalars[(index + 1)...]))
        return options.flatMap { option in
            expandBraces(prefix + String(String.UnicodeScalarView(option)) + suffix)
        }
    }
}
