/// `regex`, `regexall` and the `/pattern/` form of `replace`. Terraform uses RE2 syntax; Swift's
/// Regex reads the same patterns when matching code points with ASCII-only character classes.
enum RegexFunctions {
    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("regex", .exactly(2)) { arguments in
            let (regex, captures) = try compileForCaptures(try arguments.string(0))
            let text = try arguments.string(1)
            guard let match = try? regex.firstMatch(in: text) else {
                throw arguments.error("The pattern '\(try arguments.string(0))' did not match any part of the given string")
            }
            return result(of: match, captures: captures)
        },
        FunctionDefinition("regexall", .exactly(2)) { arguments in
            let (regex, captures) = try compileForCaptures(try arguments.string(0))
            let text = try arguments.string(1)
            return .list(goMatches(regex, in: text).map { result(of: $0, captures: captures) })
        },
    ]

    /// How a pattern's capture groups shape the result.
    enum Captures {
        case none
        case positional
        case named
        /// Named and unnamed groups together: fine for `replace`, refused by `regex`.
        case mixed
    }

    static func compile(_ pattern: String) throws -> (Regex<AnyRegexOutput>, Captures) {
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(translate(pattern))
                .matchingSemantics(.unicodeScalar)
                .asciiOnlyCharacterClasses()
        } catch {
            throw FunctionError("Invalid regular expression '\(pattern)': \(error)")
        }
        let (named, unnamed) = countGroups(pattern)
        if named == 0 { return (regex, unnamed == 0 ? .none : .positional) }
        return (regex, unnamed == 0 ? .named : .mixed)
    }

    /// Named and unnamed capture groups written in a pattern: `(`, `(?P<name>` and `(?<name>`,
    /// outside character classes and escapes.
    static func countGroups(_ pattern: String) -> (named: Int, unnamed: Int) {
        let scalars = Array(pattern.unicodeScalars)
        var named = 0
        var unnamed = 0
        var inClass = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                index += 2
                continue
            }
            if inClass {
                if scalar == "]" { inClass = false }
            } else if scalar == "[" {
                inClass = true
                // A `]` right after `[` or `[^` is a literal member.
                if index + 1 < scalars.count, scalars[index + 1] == "^" { index += 1 }
                if index + 1 < scalars.count, scalars[index + 1] == "]" { index += 1 }
            } else if scalar == "(" {
                let next = index + 1 < scalars.count ? scalars[index + 1] : " "
                if next != "?" {
                    unnamed += 1
                } else if index + 3 < scalars.count, scalars[index + 2] == "P" || scalars[index + 2] == "<",
                          scalars[index + 2] == "<" ? !["=", "!"].contains(scalars[index + 3]) : scalars[index + 3] == "<" {
                    named += 1
                }
            }
            index += 1
        }
        return (named, unnamed)
    }

    /// RE2's POSIX classes are ASCII-only and follow `(?i)`; spelled as ranges, Swift agrees.
    private static let posixClasses: [(String, String)] = [
        ("[:alpha:]", "A-Za-z"), ("[:upper:]", "A-Z"), ("[:lower:]", "a-z"), ("[:digit:]", "0-9"),
        ("[:alnum:]", "0-9A-Za-z"), ("[:word:]", "0-9A-Za-z_"), ("[:xdigit:]", "0-9A-Fa-f"),
        ("[:space:]", "\\t\\n\\x0B\\f\\r "), ("[:blank:]", "\\t "), ("[:cntrl:]", "\\x00-\\x1F\\x7F"),
        ("[:print:]", "\\x20-\\x7E"), ("[:graph:]", "\\x21-\\x7E"), ("[:ascii:]", "\\x00-\\x7F"),
        ("[:punct:]", "\\x21-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7E"),
    ]

    /// RE2 spellings Swift reads differently: `\pL` (one-letter class) becomes `\p{L}`, POSIX
    /// classes become ASCII ranges.
    private static func translate(_ pattern: String) -> String {
        var pattern = pattern
        for (posix, ranges) in posixClasses { pattern = pattern.replacing(posix, with: ranges) }
        var output = ""
        var scalars = pattern.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\", let next = scalars.next() else {
                output.unicodeScalars.append(scalar)
                continue
            }
            if next == "p" || next == "P", let name = scalars.next() {
                output += "\\\(next)" + (name == "{" ? "{" : "{\(name)}")
            } else {
                output += "\\\(next)"
            }
        }
        return output
    }

    /// A compiled pattern for `regex` and `regexall`, whose result shape needs consistent groups.
    static func compileForCaptures(_ pattern: String) throws -> (Regex<AnyRegexOutput>, Captures) {
        let compiled = try compile(pattern)
        if case .mixed = compiled.1 {
            throw FunctionError("Invalid regular expression '\(pattern)': cannot mix named and unnamed capture groups")
        }
        return compiled
    }

    private static func result(of match: Regex<AnyRegexOutput>.Match, captures: Captures) -> Value {
        let groups = Array(match.output.dropFirst())
        func text(_ capture: AnyRegexOutput.Element) -> Value {
            capture.substring.map { .string(String($0)) } ?? .null
        }
        switch captures {
        case .none: return .string(String(match.output[0].substring ?? ""))
        case .positional: return .list(groups.map(text))
        case .named, .mixed:
            return .object(groups.reduce(into: [:]) { fields, capture in
                if let name = capture.name { fields[name] = text(capture) }
            })
        }
    }

    /// Go's `ReplaceAllString`: `$1`, `${1}`, `$name`, `${name}` and `$$` in the replacement.
    static func replace(in text: String, pattern: String, with template: String) throws -> String {
        let (regex, _) = try compile(pattern)
        var output = ""
        var copied = text.startIndex
        for match in goMatches(regex, in: text) {
            output += text[copied..<match.range.lowerBound]
            output += expand(template, match)
            copied = match.range.upperBound
        }
        return output + text[copied...]
    }

    /// Successive matches as Go finds them: an empty match right where the previous match
    /// ended is skipped (`a*` in `baaab` matches "", "aaa", "").
    static func goMatches(_ regex: Regex<AnyRegexOutput>, in text: String) -> [Regex<AnyRegexOutput>.Match] {
        var previousEnd: String.Index?
        return text.matches(of: regex).filter { match in
            defer { previousEnd = match.range.upperBound }
            return !(match.range.isEmpty && match.range.lowerBound == previousEnd)
        }
    }

    private static func expand(_ template: String, _ match: Regex<AnyRegexOutput>.Match) -> String {
        let scalars = Array(template.unicodeScalars)
        var output = ""
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "$", index + 1 < scalars.count else {
                output.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            if scalars[index + 1] == "$" {
                output += "$"
                index += 2
                continue
            }
            var nameStart = index + 1
            var braced = false
            if scalars[nameStart] == "{" {
                braced = true
                nameStart += 1
            }
            var nameEnd = nameStart
            while nameEnd < scalars.count, isNameScalar(scalars[nameEnd]) { nameEnd += 1 }
            let closes = !braced || (nameEnd < scalars.count && scalars[nameEnd] == "}")
            guard nameEnd > nameStart, closes else {
                // Not a reference: Go keeps the `$` as text.
                output += "$"
                index += 1
                continue
            }
            let name = String(String.UnicodeScalarView(scalars[nameStart..<nameEnd]))
            output += group(name, in: match)
            index = braced ? nameEnd + 1 : nameEnd
        }
        return output
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }

    private static func group(_ name: String, in match: Regex<AnyRegexOutput>.Match) -> String {
        if let number = Int(name), name.allSatisfy(\.isNumber) {
            guard number < match.output.count else { return "" }
            return match.output[number].substring.map(String.init) ?? ""
        }
        return match.output[name]?.substring.map(String.init) ?? ""
    }
}
