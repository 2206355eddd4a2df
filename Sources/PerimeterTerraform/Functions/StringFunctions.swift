/// String functions. Terraform works on Unicode code points for searching and splitting (so
/// `"\r\n"` is two characters to `chomp`) and on grapheme clusters for `length`, `substr`, `strrev`.
enum StringFunctions {
    /// Larger indents are refused rather than allocated.
    static let maximumIndent = 10_000

    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("join", .atLeast(2)) { arguments in
            let separator = try arguments.string(0)
            var parts: [String] = []
            for index in 1..<arguments.count {
                for element in try arguments.knownSequence(index) {
                    guard let part = element.toStringValue() else {
                        throw arguments.invalid(index, "cannot join a \(element.typeName) element")
                    }
                    parts.append(part)
                }
            }
            return .string(parts.joined(separator: separator))
        },
        FunctionDefinition("split", .exactly(2)) { arguments in
            let separator = try arguments.string(0)
            let text = try arguments.string(1)
            return .list(split(text, by: separator).map(Value.string))
        },
        FunctionDefinition("replace", .exactly(3)) { arguments in
            let text = try arguments.string(0)
            let target = try arguments.string(1)
            let replacement = try arguments.string(2)
            if target.unicodeScalars.count > 1, target.hasPrefix("/"), target.hasSuffix("/") {
                let pattern = String(target.unicodeScalars.dropFirst().dropLast())
                return .string(try RegexFunctions.replace(in: text, pattern: pattern, with: replacement))
            }
            return .string(replaceAll(text, target, with: replacement))
        },
        FunctionDefinition("lower", .exactly(1)) { arguments in
            .string(mapScalars(try arguments.string(0)) { $0.properties.lowercaseMapping })
        },
        FunctionDefinition("upper", .exactly(1)) { arguments in
            .string(mapScalars(try arguments.string(0)) { $0.properties.uppercaseMapping })
        },
        FunctionDefinition("title", .exactly(1)) { arguments in
            .string(title(try arguments.string(0)))
        },
        FunctionDefinition("trimspace", .exactly(1)) { arguments in
            .string(trim(try arguments.string(0)) { $0.properties.isWhitespace })
        },
        FunctionDefinition("trim", .exactly(2)) { arguments in
            let cutset = Set(try arguments.string(1).unicodeScalars)
            return .string(trim(try arguments.string(0)) { cutset.contains($0) })
        },
        FunctionDefinition("trimprefix", .exactly(2)) { arguments in
            let text = try arguments.string(0).unicodeScalars
            let prefix = try arguments.string(1).unicodeScalars
            return .string(text.starts(with: prefix) ? String(text.dropFirst(prefix.count)) : String(text))
        },
        FunctionDefinition("trimsuffix", .exactly(2)) { arguments in
            let text = try arguments.string(0).unicodeScalars
            let suffix = try arguments.string(1).unicodeScalars
            return .string(text.reversed().starts(with: suffix.reversed()) ? String(text.dropLast(suffix.count)) : String(text))
        },
        FunctionDefinition("chomp", .exactly(1)) { arguments in
            var scalars = try arguments.string(0).unicodeScalars[...]
            while let last = scalars.last, last == "\n" || last == "\r" { scalars = scalars.dropLast() }
            return .string(String(scalars))
        },
        FunctionDefinition("indent", .exactly(2)) { arguments in
            let spaces = try arguments.integer(0)
            guard (0...maximumIndent).contains(spaces) else {
                throw arguments.invalid(0, "the number of spaces must be between 0 and \(maximumIndent)")
            }
            let text = try arguments.string(1)
            return .string(replaceAll(text, "\n", with: "\n" + String(repeating: " ", count: spaces)))
        },
        FunctionDefinition("strrev", .exactly(1)) { arguments in
            .string(String(try arguments.string(0).reversed()))
        },
        FunctionDefinition("substr", .exactly(3)) { arguments in
            let characters = Array(try arguments.string(0))
            var offset = try arguments.integer(1)
            let length = try arguments.integer(2)
            if offset < 0 { offset = max(0, characters.count + offset) }
            guard offset < characters.count else { return .string("") }
            let end = length < 0 || length >= characters.count - offset ? characters.count : offset + length
            return .string(String(characters[offset..<end]))
        },
        FunctionDefinition("startswith", .exactly(2)) { arguments in
            // A template's known prefix decides, as Terraform's refinements do.
            if let partial = arguments[0].unknown?.partial, let decided = affix(partial.prefix, arguments, atStart: true) {
                return .bool(decided)
            }
            return .bool(try arguments.string(0).unicodeScalars.starts(with: arguments.string(1).unicodeScalars))
        },
        FunctionDefinition("endswith", .exactly(2)) { arguments in
            // perimeter keeps a template's known suffix too (Terraform does not): `.../AmazonEKSClusterAdminPolicy`.
            if let partial = arguments[0].unknown?.partial, let decided = affix(partial.suffix, arguments, atStart: false) {
                return .bool(decided)
            }
            return .bool(try arguments.string(0).unicodeScalars.reversed().starts(with: arguments.string(1).unicodeScalars.reversed()))
        },
        FunctionDefinition("strcontains", .exactly(2)) { arguments in
            let text = Array(try arguments.string(0).unicodeScalars)
            let part = Array(try arguments.string(1).unicodeScalars)
            return .bool(part.isEmpty || text.firstRange(of: part) != nil)
        }
    ]

    /// Whether a known end of a partially known string decides `startswith` / `endswith`; nil when
    /// the wanted text is longer than what is known and agrees with it so far.
    static func affix(_ known: String, _ arguments: Arguments, atStart: Bool) -> Bool? {
        guard let wanted = arguments[1].stringValue else { return nil }
        let knownScalars = atStart ? Array(known.unicodeScalars) : Array(known.unicodeScalars.reversed())
        let wantedScalars = atStart ? Array(wanted.unicodeScalars) : Array(wanted.unicodeScalars.reversed())
        if knownScalars.starts(with: wantedScalars) { return true }
        if wantedScalars.starts(with: knownScalars) { return nil }
        return false
    }

    /// Go's `strings.Split`: an empty separator splits into code points.
    static func split(_ text: String, by separator: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        let separator = Array(separator.unicodeScalars)
        if separator.isEmpty { return scalars.map { String($0) } }
        return scalars.split(separator: separator, omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0))
        }
    }

    /// Every occurrence replaced, matching code points; an empty target inserts between code points.
    static func replaceAll(_ text: String, _ target: String, with replacement: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let target = Array(target.unicodeScalars)
        if target.isEmpty {
            var output = replacement
            for scalar in scalars {
                output.unicodeScalars.append(scalar)
                output += replacement
            }
            return output
        }
        let pieces = scalars.split(separator: target, omittingEmptySubsequences: false)
        return pieces.map { String(String.UnicodeScalarView($0)) }.joined(separator: replacement)
    }

    /// Maps each code point on its own (Go's simple case mapping): a mapping that would expand one
    /// code point into several (`ß` → `SS`) leaves it unchanged.
    static func mapScalars(_ text: String, _ mapping: (Unicode.Scalar) -> String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let mapped = mapping(scalar).unicodeScalars
            if mapped.count == 1, let single = mapped.first { output.append(single) } else { output.append(scalar) }
        }
        return String(output)
    }

    /// Go's `strings.Title`: upper-cases the first letter of each word; letters, digits and `_`
    /// continue a word.
    static func title(_ text: String) -> String {
        var previous: Unicode.Scalar = " "
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isSeparator(previous) {
                let mapped = scalar.properties.titlecaseMapping.unicodeScalars
                if mapped.count == 1, let single = mapped.first { output.append(single) } else { output.append(scalar) }
            } else {
                output.append(scalar)
            }
            previous = scalar
        }
        return String(output)
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let isWordCharacter =
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar) || scalar == "_"
            return !isWordCharacter
        }
        if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { return false }
        return scalar.properties.isWhitespace
    }

    static func trim(_ text: String, where shouldTrim: (Unicode.Scalar) -> Bool) -> String {
        var scalars = text.unicodeScalars[...]
        while let first = scalars.first, shouldTrim(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, shouldTrim(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
