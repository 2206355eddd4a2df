/// `regex`, `regexall` and the `/pattern/` form of `replace`, on the RE2 engine in `RE2/`:
/// Go's `regexp` syntax and leftmost-first semantics, in time linear in the input.
enum RegexFunctions {
    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("regex", .exactly(2)) { arguments in
            let pattern = try arguments.string(0)
            let (regex, captures) = try compileForCaptures(pattern)
            let text = Array(try arguments.string(1).unicodeScalars)
            guard let match = try run({ try regex.firstMatch(in: text) }, pattern) else {
                throw arguments.error("The pattern '\(pattern)' did not match any part of the given string")
            }
            return result(of: match, in: text, regex: regex, captures: captures)
        },
        FunctionDefinition("regexall", .exactly(2)) { arguments in
            let pattern = try arguments.string(0)
            let (regex, captures) = try compileForCaptures(pattern)
            let text = Array(try arguments.string(1).unicodeScalars)
            let matches = try run({ try regex.allMatches(in: text) }, pattern)
            return .list(matches.map { result(of: $0, in: text, regex: regex, captures: captures) })
        }
    ]

    /// How a pattern's capture groups shape the result.
    enum Captures {
        case none
        case positional
        case named
        /// Named and unnamed groups together: fine for `replace`, refused by `regex`.
        case mixed
    }

    static func compile(_ pattern: String) throws -> (RE2Regex, Captures) {
        let regex: RE2Regex
        do {
            regex = try RE2Regex(pattern)
        } catch {
            throw FunctionError("Invalid regular expression '\(pattern)': \(error.message)")
        }
        let named = regex.groupNames.filter { $0 != nil }.count
        let unnamed = regex.groupCount - named
        if named == 0 { return (regex, unnamed == 0 ? .none : .positional) }
        return (regex, unnamed == 0 ? .named : .mixed)
    }

    /// A compiled pattern for `regex` and `regexall`, whose result shape needs consistent groups.
    static func compileForCaptures(_ pattern: String) throws -> (RE2Regex, Captures) {
        let compiled = try compile(pattern)
        if case .mixed = compiled.1 {
            throw FunctionError("Invalid regular expression '\(pattern)': cannot mix named and unnamed capture groups")
        }
        return compiled
    }

    /// Runs a search, turning the engine's work limit into a function error.
    private static func run<T>(_ search: () throws -> T, _ pattern: String) throws -> T {
        do {
            return try search()
        } catch let error as RE2Error {
            throw FunctionError("Regular expression '\(pattern)': \(error.message)")
        }
    }

    private static func result(of match: RE2Regex.Match, in text: [Unicode.Scalar], regex: RE2Regex, captures: Captures) -> Value {
        func group(_ number: Int) -> Value {
            match.group(number).map { .string(String(String.UnicodeScalarView(text[$0]))) } ?? .null
        }
        switch captures {
        case .none: return group(0)
        case .positional: return .list((1...regex.groupCount).map(group))
        case .named, .mixed:
            var fields: [String: Value] = [:]
            for (index, name) in regex.groupNames.enumerated() {
                if let name { fields[name] = group(index + 1) }
            }
            return .object(fields)
        }
    }

    /// Go's `ReplaceAllString`: `$1`, `${1}`, `$name`, `${name}` and `$$` in the replacement.
    static func replace(in text: String, pattern: String, with template: String) throws -> String {
        let (regex, _) = try compile(pattern)
        var steps = 0
        return try run({ try regex.replaceAll(in: Array(text.unicodeScalars), with: template, steps: &steps) }, pattern)
    }
}
