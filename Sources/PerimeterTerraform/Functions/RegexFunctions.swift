/// `regex`, `regexall` and the `/pattern/` form of `replace`. Terraform uses RE2 syntax; Swift's
/// Regex reads the same patterns when matching code points with ASCII-only `\d`, `\w`, `\s`.
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
            return .list(text.matches(of: regex).map { result(of: $0, captures: captures) })
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
                .asciiOnlyDigits()
                .asciiOnlyWordCharacters()
                .asciiOnlyWhitespace()
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

    /// RE2 spellings Swift reads differently: `\pL` (one-letter class) becomes `\p{L}`.
    private static func translate(_ pattern: String) -> String {
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
        return text.replacing(regex) { match in expand(template, match) }
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
