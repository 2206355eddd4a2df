/// The part of YAML that configurations feed to `yamldecode`: one document of block mappings
/// and sequences, flow collections, plain and quoted scalars (folded over lines), literal and
/// folded blocks, comments. Plain scalars resolve as Terraform's decoder does (`yes` and `on`
/// are true, `010` is 10). Anchors, aliases, tags, complex keys and several documents are
/// rejected with an error rather than guessed.
struct YAMLDecoder {
    private var lines: [String]
    private var index = 0
    private var depth = 0

    static func decode(_ text: String) throws -> Value {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        // The text after the final line break is not a line.
        if lines.last == "" { lines.removeLast() }
        var decoder = YAMLDecoder(lines: lines)
        return try decoder.parseDocument()
    }

    private init(lines: [String]) {
        self.lines = lines
    }

    private func failure(_ problem: String) -> FunctionError {
        FunctionError("Invalid YAML at line \(index + 1): \(problem)")
    }

    // MARK: Lines

    private static func indentation(_ line: String) -> Int {
        line.prefix { $0 == " " }.count
    }

    private static func content(_ line: String) -> Substring {
        line.drop { $0 == " " }
    }

    private static func isBlank(_ line: String) -> Bool {
        let content = content(line)
        return content.isEmpty || content.hasPrefix("#") || content.allSatisfy { $0 == " " || $0 == "\t" }
    }

    private mutating func skipBlank() {
        while index < lines.count, YAMLDecoder.isBlank(lines[index]) { index += 1 }
    }

    private static func isDocumentMarker(_ line: String) -> Bool {
        line == "---" || line == "..." || line.hasPrefix("--- ") || line.hasPrefix("... ")
    }

    private static func isSequenceEntry(_ content: Substring) -> Bool {
        content == "-" || content.hasPrefix("- ")
    }

    /// The text before a ` #` comment, outside quotes.
    static func stripComment(_ text: Substring) -> Substring {
        var quote: Character?
        var previous: Character = " "
        for position in text.indices {
            let character = text[position]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                if previous == " " || previous == "[" || previous == "{" || previous == "," || previous == ":" { quote = character }
            } else if character == "#", previous == " " || previous == "\t" {
                return text[..<position]
            }
            previous = character
        }
        return text
    }

    static func trimmed(_ text: Substring) -> Substring {
        var result = text.drop { $0 == " " || $0 == "\t" }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }

    /// Splits `key: rest` when the line starts a mapping entry.
    private static func splitKey(_ content: Substring) -> (key: Value, rest: Substring)? {
        if let first = content.first, first == "\"" || first == "'" {
            guard let end = closingQuote(content) else { return nil }
            let afterQuote = content[content.index(after: end)...].drop { $0 == " " }
            guard afterQuote.first == ":", afterQuote.dropFirst().first.map({ $0 == " " }) ?? true else { return nil }
            let key = (try? unquote(content[...end])) ?? ""
            return (.string(key), afterQuote.dropFirst())
        }
        guard let first = content.first, !"[{#&*!|>%@`?".contains(first), !isSequenceEntry(content) else { return nil }
        let body = stripComment(content)
        var position = body.startIndex
        while position < body.endIndex {
            if body[position] == ":" {
                let next = body.index(after: position)
                if next == body.endIndex || body[next] == " " {
                    return (YAMLScalars.resolvePlain(String(trimmed(body[..<position]))), body[next...])
                }
            }
            position = body.index(after: position)
        }
        return nil
    }

    static func closingQuote(_ text: Substring) -> Substring.Index? {
        guard let open = text.first else { return nil }
        var position = text.index(after: text.startIndex)
        while position < text.endIndex {
            let character = text[position]
            if open == "\"", character == "\\" {
                position = text.index(after: position)
                if position < text.endIndex { position = text.index(after: position) }
                continue
            }
            if character == open {
                let next = text.index(after: position)
                if open == "'", next < text.endIndex, text[next] == "'" {
                    position = text.index(after: next)
                    continue
                }
                return position
            }
            position = text.index(after: position)
        }
        return nil
    }

    // MARK: Structure

    private mutating func parseDocument() throws -> Value {
        skipBlank()
        while index < lines.count, lines[index].hasPrefix("%") {
            index += 1
            skipBlank()
        }
        if index < lines.count, lines[index] == "---" || lines[index].hasPrefix("--- ") {
            let rest = lines[index].dropFirst(3).drop { $0 == " " }
            if rest.isEmpty { index += 1 } else { lines[index] = String(rest) }
        }
        skipBlank()
        guard index < lines.count, lines[index] != "..." else { return .null }
        let value = try parseNode(parentIndent: -1)
        skipBlank()
        if index < lines.count, lines[index] == "..." {
            index += 1
            skipBlank()
        }
        if index < lines.count {
            if lines[index].hasPrefix("---") { throw failure("only one YAML document is supported") }
            throw failure("unexpected content")
        }
        return value
    }

    /// The node on the next non-blank line if it is indented deeper than `parentIndent`; null otherwise.
    private mutating func parseNode(parentIndent: Int) throws -> Value {
        depth += 1
        defer { depth -= 1 }
        guard depth < JSONCodec.maximumDepth else { throw failure("nesting is too deep") }
        skipBlank()
        guard index < lines.count else { return .null }
        let line = lines[index]
        let indent = YAMLDecoder.indentation(line)
        guard indent > parentIndent, !YAMLDecoder.isDocumentMarker(line) else { return .null }
        let content = YAMLDecoder.content(line)
        if content.hasPrefix("\t") { throw failure("tabs are not allowed for indentation") }
        if YAMLDecoder.isSequenceEntry(content) { return try parseSequence(indent: indent) }
        if YAMLDecoder.splitKey(content) != nil { return try parseMapping(indent: indent) }
        if content.hasPrefix("? ") || content == "?" { throw failure("complex mapping keys are not supported") }
        index += 1
        return try parseInline(YAMLDecoder.trimmed(content), parentIndent: parentIndent)
    }

    private mutating func parseSequence(indent: Int) throws -> Value {
        var items: [Value] = []
        while true {
            skipBlank()
            guard index < lines.count, YAMLDecoder.indentation(lines[index]) == indent else { break }
            let content = YAMLDecoder.content(lines[index])
            // A sequence under a key ends at the next key of the same indentation.
            guard YAMLDecoder.isSequenceEntry(content), !YAMLDecoder.isDocumentMarker(lines[index]) else { break }
            let afterDash = content.dropFirst()
            let spaces = afterDash.prefix { $0 == " " }.count
            let rest = afterDash.dropFirst(spaces)
            if YAMLDecoder.stripComment(rest).allSatisfy({ $0 == " " }) {
                index += 1
            } else {
                // Re-read the entry as if the dash were a space, so `- a: 1` starts a mapping at its column.
                lines[index] = String(repeating: " ", count: indent + 1 + spaces) + rest
            }
            items.append(try parseNode(parentIndent: indent))
        }
        return .list(items)
    }

    private mutating func parseMapping(indent: Int) throws -> Value {
        var fields: [String: Value] = [:]
        while true {
            skipBlank()
            guard index < lines.count, YAMLDecoder.indentation(lines[index]) == indent,
                !YAMLDecoder.isDocumentMarker(lines[index])
            else { break }
            guard let entry = YAMLDecoder.splitKey(YAMLDecoder.content(lines[index])) else {
                throw failure("expected a mapping key")
            }
            index += 1
            let keyText = entry.key.toStringValue() ?? "null"
            let inline = YAMLDecoder.trimmed(YAMLDecoder.stripComment(entry.rest))
            if !inline.isEmpty {
                fields[keyText] = try parseInline(inline, parentIndent: indent)
                continue
            }
            skipBlank()
            if index < lines.count, YAMLDecoder.indentation(lines[index]) == indent,
                YAMLDecoder.isSequenceEntry(YAMLDecoder.content(lines[index]))
            {
                fields[keyText] = try parseSequence(indent: indent)
            } else {
                fields[keyText] = try parseNode(parentIndent: indent)
            }
        }
        return .object(fields)
    }

    // MARK: Scalars

    /// A value written after `key:` or `- `, or alone; it may continue on deeper lines.
    private mutating func parseInline(_ text: Substring, parentIndent: Int) throws -> Value {
        guard let first = text.first else { return .null }
        switch first {
        case "&", "*", "!": throw failure("anchors, aliases and tags are not supported")
        case "|", ">": return .string(try parseBlockScalar(header: text, parentIndent: parentIndent))
        case "[", "{":
            var flow = String(text)
            while YAMLFlowParser.isOpen(flow), index < lines.count {
                flow += " " + YAMLDecoder.trimmed(YAMLDecoder.stripComment(Substring(lines[index])))
                index += 1
            }
            return try YAMLFlowParser.parse(flow, line: index)
        case "\"", "'":
            var quoted = String(text)
            while YAMLDecoder.closingQuote(Substring(quoted)) == nil, index < lines.count {
                quoted += "\n" + lines[index]
                index += 1
            }
            guard let end = YAMLDecoder.closingQuote(Substring(quoted)) else { throw failure("unterminated quoted string") }
            let rest = YAMLDecoder.trimmed(YAMLDecoder.stripComment(quoted[quoted.index(after: end)...]))
            guard rest.isEmpty else { throw failure("unexpected text after a quoted string") }
            return .string(try YAMLDecoder.unquote(quoted[...end]))
        default:
            var plain = String(YAMLDecoder.trimmed(YAMLDecoder.stripComment(text)))
            var pendingBreaks = 0
            while index < lines.count {
                let line = lines[index]
                if YAMLDecoder.content(line).isEmpty || YAMLDecoder.content(line).allSatisfy({ $0 == " " }) {
                    pendingBreaks += 1
                } else if YAMLDecoder.indentation(line) > parentIndent, !YAMLDecoder.content(line).hasPrefix("#") {
                    plain += pendingBreaks == 0 ? " " : String(repeating: "\n", count: pendingBreaks)
                    plain += YAMLDecoder.trimmed(YAMLDecoder.stripComment(YAMLDecoder.content(line)))
                    pendingBreaks = 0
                } else {
                    break
                }
                index += 1
            }
            return YAMLScalars.resolvePlain(plain)
        }
    }

    private mutating func parseBlockScalar(header: Substring, parentIndent: Int) throws -> String {
        let literal = header.first == "|"
        var chomping: Character = " "
        var explicitIndent: Int?
        for character in YAMLDecoder.trimmed(YAMLDecoder.stripComment(header.dropFirst())) {
            if character == "-" || character == "+" {
                chomping = character
            } else if let digit = character.wholeNumberValue, digit > 0 {
                explicitIndent = max(parentIndent, 0) + digit
            } else {
                throw failure("invalid block scalar header")
            }
        }
        var blockIndent = explicitIndent
        var content: [String] = []
        while index < lines.count {
            let line = lines[index]
            if line.allSatisfy({ $0 == " " }) {
                content.append(blockIndent.map { String(line.dropFirst($0)) } ?? "")
            } else {
                let indent = YAMLDecoder.indentation(line)
                if blockIndent == nil, indent > parentIndent { blockIndent = indent }
                guard let blockIndent, indent >= blockIndent else { break }
                content.append(String(line.dropFirst(blockIndent)))
            }
            index += 1
        }
        let trailing = content.reversed().prefix { $0.isEmpty }.count
        let body = content.dropLast(trailing)
        let text = literal ? body.joined(separator: "\n") : YAMLDecoder.fold(Array(body))
        switch chomping {
        case "-": return text
        case "+": return text + String(repeating: "\n", count: trailing + (body.isEmpty ? 0 : 1))
        default: return body.isEmpty ? "" : text + "\n"
        }
    }

    /// Folded block lines: a break between two plain lines is a space, blank lines are breaks,
    /// more-indented lines keep their breaks.
    private static func fold(_ lines: [String]) -> String {
        var text = ""
        var previousWasText = false
        for (position, line) in lines.enumerated() {
            let isMoreIndented = line.hasPrefix(" ") || line.hasPrefix("\t")
            if position > 0 {
                if line.isEmpty {
                    text += "\n"
                } else if previousWasText, !isMoreIndented {
                    text += " "
                } else if !previousWasText, text.last != "\n" || isMoreIndented {
                    text += "\n"
                }
            }
            text += line
            previousWasText = !line.isEmpty && !isMoreIndented
        }
        return text
    }

    /// The content of a `"..."` or `'...'` scalar, with escapes and line folding applied.
    static func unquote(_ quoted: Substring) throws -> String {
        let double = quoted.first == "\""
        let inner = Array(quoted.dropFirst().dropLast().unicodeScalars)
        var result = String.UnicodeScalarView()
        var rawSpaces = 0
        var position = 0
        while position < inner.count {
            let scalar = inner[position]
            if scalar == "\n" {
                result.removeLast(rawSpaces)
                var breaks = 0
                while position < inner.count, [" ", "\t", "\n"].contains(inner[position]) {
                    if inner[position] == "\n" { breaks += 1 }
                    position += 1
                }
                result.append(contentsOf: breaks > 1 ? String(repeating: "\n", count: breaks - 1).unicodeScalars : " ".unicodeScalars)
                rawSpaces = 0
                continue
            }
            if !double, scalar == "'", position + 1 < inner.count, inner[position + 1] == "'" {
                result.append("'")
                position += 2
                rawSpaces = 0
                continue
            }
            if double, scalar == "\\", position + 1 < inner.count {
                let (escaped, consumed) = try YAMLEscapes.decode(inner, at: position + 1)
                result.append(contentsOf: escaped.unicodeScalars)
                position += 1 + consumed
                if escaped.isEmpty {
                    // An escaped line break joins the lines without a space.
                    while position < inner.count, inner[position] == " " || inner[position] == "\t" { position += 1 }
                }
                rawSpaces = 0
                continue
            }
            result.append(scalar)
            rawSpaces = scalar == " " || scalar == "\t" ? rawSpaces + 1 : 0
            position += 1
        }
        return String(result)
    }
}
