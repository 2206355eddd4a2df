/// Turns flat template tokens into parts: strip markers applied, `if` / `for` directives nested.
extension Parser {
    mutating func buildTemplate(_ tokens: [TemplateToken]) throws(Failure) -> [TemplatePart] {
        let stripped = Self.applyStripMarkers(tokens)
        var index = 0
        let (parts, terminator) = try buildParts(stripped, &index, depth: 0)
        if let terminator {
            throw error("'%{\(terminator.name)}' has no matching opening directive", at: terminator.at)
        }
        return parts
    }

    private struct Terminator {
        var name: String
        var at: SourceRange.Position
    }

    /// Parts up to an `else`, `endif` or `endfor` (returned as the terminator), or the end.
    private mutating func buildParts(
        _ tokens: [TemplateToken], _ index: inout Int,
        depth: Int
    ) throws(Failure) -> ([TemplatePart], Terminator?) {
        var parts: [TemplatePart] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token {
            case .literal(let text):
                if text.isEmpty { continue }
                if case .literal(let previous)? = parts.last {
                    parts[parts.count - 1] = .literal(previous + text)
                } else {
                    parts.append(.literal(text))
                }
            case .interpolation(let expression, _, _):
                parts.append(.interpolation(expression))
            case .directive(let directive, _, _, let at):
                switch directive {
                case .elseBranch: return (parts, Terminator(name: "else", at: at))
                case .endIf: return (parts, Terminator(name: "endif", at: at))
                case .endFor: return (parts, Terminator(name: "endfor", at: at))
                case .ifOpen where depth >= Self.maximumBlockDepth, .forOpen where depth >= Self.maximumBlockDepth:
                    throw error("Template directives are nested too deeply (more than \(Self.maximumBlockDepth) levels)", at: at)
                case .ifOpen(let condition):
                    let (then, end) = try buildParts(tokens, &index, depth: depth + 1)
                    var otherwise: [TemplatePart] = []
                    var final = end
                    if end?.name == "else" {
                        let (elseParts, elseEnd) = try buildParts(tokens, &index, depth: depth + 1)
                        otherwise = elseParts
                        final = elseEnd
                    }
                    guard final?.name == "endif" else { throw error("'%{if}' is never closed with '%{endif}'", at: at) }
                    parts.append(.conditional(condition: condition, then: then, else: otherwise))
                case .forOpen(let key, let value, let collection):
                    let (body, end) = try buildParts(tokens, &index, depth: depth + 1)
                    guard end?.name == "endfor" else { throw error("'%{for}' is never closed with '%{endfor}'", at: at) }
                    parts.append(.loop(keyVariable: key, valueVariable: value, collection: collection, body: body))
                }
            }
        }
        return (parts, nil)
    }

    /// `~` trims white space (newlines included) from the neighbouring literal on its side.
    static func applyStripMarkers(_ tokens: [TemplateToken]) -> [TemplateToken] {
        var result = tokens
        for (index, token) in tokens.enumerated() {
            let (left, right): (Bool, Bool)
            switch token {
            case .literal: continue
            case .interpolation(_, let l, let r): (left, right) = (l, r)
            case .directive(_, let l, let r, _): (left, right) = (l, r)
            }
            if left, index > 0, case .literal(let text) = result[index - 1] {
                result[index - 1] = .literal(String(text.reversed().drop { $0.isWhitespace }.reversed()))
            }
            if right, index + 1 < result.count, case .literal(let text) = result[index + 1] {
                result[index + 1] = .literal(String(text.drop { $0.isWhitespace }))
            }
        }
        return result
    }

    /// `<<-` heredocs: remove the smallest indentation of the non-blank lines from every line.
    static func stripIndentation(_ tokens: [TemplateToken]) -> [TemplateToken] {
        var indent = Int.max
        var atLineStart = true
        for token in tokens {
            guard case .literal(let text) = token else {
                if atLineStart { indent = 0 }
                atLineStart = false
                continue
            }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let lineStarts = number > 0 || atLineStart
                let leading = line.prefix { $0 == " " || $0 == "\t" }.count
                if lineStarts, leading < line.count { indent = min(indent, leading) }
            }
            atLineStart = text.hasSuffix("\n")
        }
        guard indent > 0, indent != Int.max else { return tokens }
        atLineStart = true
        return tokens.map { token in
            guard case .literal(let text) = token else {
                atLineStart = false
                return token
            }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { number, line -> Substring in
                guard number > 0 || atLineStart else { return line }
                var dropped = 0
                return line.drop { character in
                    guard dropped < indent, character == " " || character == "\t" else { return false }
                    dropped += 1
                    return true
                }
            }
            atLineStart = text.hasSuffix("\n")
            return .literal(lines.joined(separator: "\n"))
        }
    }
}
