import PerimeterModel

/// `.tf.json`: JSON whose shape says what is a block and what an attribute. Strings become templates
/// (so `"${var.x}"` works); nested objects are attributes except for the few block types that need labels.
enum JSONConfigReader {
    /// How many labels each top-level block type takes.
    private static let labelCounts: [String: Int] = [
        "resource": 2, "data": 2, "variable": 1, "output": 1, "module": 1, "provider": 1,
        "locals": 0, "terraform": 0, "check": 1, "import": 0, "moved": 0, "removed": 0
    ]
    /// Keys inside a body that are nested blocks, with their label counts.
    private static let nestedBlocks: [String: Int] = [
        "lifecycle": 0, "provisioner": 1, "connection": 0, "dynamic": 1,
        "content": 0, "validation": 0, "precondition": 0, "postcondition": 0
    ]

    static func read(source: String, path: String) -> (file: ConfigFile, diagnostics: [Diagnostic]) {
        var parser = Parser(source: source, path: path)
        parser.skipByteOrderMark()
        let start = parser.position
        var blocks: [Block] = []
        var attributes: [Attribute] = []
        do {
            parser.skipJSONSpace()
            let root = try parser.parseJSONValue()
            parser.skipJSONSpace()
            if !parser.atEnd { throw parser.error("Unexpected \(parser.currentText) after the JSON document") }
            guard case .object(let members, _) = root else {
                throw parser.error("A .tf.json file must hold a JSON object at the top level", at: start)
            }
            for member in members where member.key != "//" {
                if let count = labelCounts[member.key] {
                    if count == 0, member.key == "locals" {
                        for value in repeated(member.value) {
                            attributes += []
                            blocks.append(
                                Block(
                                    type: "locals", labels: [], body: body(value, in: member.key, parser: &parser),
                                    range: value.range(path)))
                        }
                    } else {
                        blocks += makeBlocks(type: member.key, labelCount: count, value: member.value, labels: [], parser: &parser)
                    }
                } else {
                    _ = parser.error("Unknown top-level block type '\(member.key)'", at: member.keyPosition)
                }
            }
        } catch {}
        let body = Body(attributes: attributes, blocks: blocks, range: parser.range(from: start))
        return (ConfigFile(path: path, body: body), parser.diagnostics)
    }

    private static func repeated(_ value: JSONNode) -> [JSONNode] {
        if case .array(let items, _) = value { return items }
        return [value]
    }

    private static func makeBlocks(
        type: String, labelCount: Int, value: JSONNode, labels: [String],
        parser: inout Parser
    ) -> [Block] {
        if labels.count == labelCount {
            return repeated(value).map {
                Block(type: type, labels: labels, body: body($0, in: type, parser: &parser), range: $0.range(parser.path))
            }
        }
        var blocks: [Block] = []
        for item in repeated(value) {
            guard case .object(let members, _) = item else {
                _ = parser.error("Expected a JSON object of '\(type)' blocks by label", at: item.position)
                continue
            }
            for member in members where member.key != "//" {
                blocks += makeBlocks(
                    type: type, labelCount: labelCount, value: member.value, labels: labels + [member.key], parser: &parser)
            }
        }
        return blocks
    }

    private static func body(_ value: JSONNode, in blockType: String, parser: inout Parser) -> Body {
        guard case .object(let members, _) = value else {
            _ = parser.error("Expected a JSON object as the body of a '\(blockType)' block", at: value.position)
            return Body(attributes: [], blocks: [], range: value.range(parser.path))
        }
        var attributes: [Attribute] = []
        var blocks: [Block] = []
        for member in members where member.key != "//" {
            if let count = nestedBlocks[member.key], blockType != "locals" {
                blocks += makeBlocks(type: member.key, labelCount: count, value: member.value, labels: [], parser: &parser)
                continue
            }
            let expression: Expression
            if blockType == "variable" && member.key == "type", case .string(let text, let position) = member.value {
                expression = parseEmbeddedExpression(text, at: position, parser: &parser)
            } else if blockType == "variable" && member.key == "default" {
                expression = literal(member.value, path: parser.path)
            } else {
                expression = convert(member.value, parser: &parser)
            }
            let range = SourceRange(file: parser.path, start: member.keyPosition, end: member.value.position)
            attributes.append(Attribute(name: member.key, expression: expression, range: range))
        }
        return Body(attributes: attributes, blocks: blocks, range: value.range(parser.path))
    }

    /// A JSON value as an expression; strings are templates.
    private static func convert(_ value: JSONNode, parser: inout Parser) -> Expression {
        let range = value.range(parser.path)
        switch value {
        case .string(let text, let position):
            return parseEmbeddedTemplate(text, at: position, parser: &parser)
        case .array(let items, _):
            return Expression(.tuple(items.map { convert($0, parser: &parser) }), range: range)
        case .object(let members, _):
            let items = members.filter { $0.key != "//" }.map { member in
                ObjectItem(
                    key: Expression(.template([.literal(member.key)]), range: range),
                    value: convert(member.value, parser: &parser), keyIsBareIdentifier: true)
            }
            return Expression(.object(items), range: range)
        default:
            return literal(value, path: parser.path)
        }
    }

    /// A JSON value taken literally (variable defaults are not templates).
    private static func literal(_ value: JSONNode, path: String) -> Expression {
        let range = value.range(path)
        switch value {
        case .string(let text, _): return Expression(.template([.literal(text)]), range: range)
        case .number(let number, _): return Expression(.literal(.number(number)), range: range)
        case .bool(let flag, _): return Expression(.literal(.bool(flag)), range: range)
        case .null: return Expression(.literal(.null), range: range)
        case .array(let items, _): return Expression(.tuple(items.map { literal($0, path: path) }), range: range)
        case .object(let members, _):
            return Expression(
                .object(
                    members.map {
                        ObjectItem(
                            key: Expression(.template([.literal($0.key)]), range: range), value: literal($0.value, path: path),
                            keyIsBareIdentifier: true)
                    }), range: range)
        }
    }

    private static func parseEmbeddedTemplate(_ text: String, at position: SourceRange.Position, parser: inout Parser) -> Expression {
        var inner = Parser(source: text, path: parser.path, startingAt: position)
        let range = SourceRange(file: parser.path, start: position, end: position)
        do {
            let tokens = try inner.scanTemplate(.file, openedAt: inner.position)
            let parts = try inner.buildTemplate(tokens)
            parser.diagnostics += inner.diagnostics
            return Expression(.template(parts), range: range)
        } catch {
            parser.diagnostics += inner.diagnostics
            return Expression(.template([.literal(text)]), range: range)
        }
    }

    private static func parseEmbeddedExpression(_ text: String, at position: SourceRange.Position, parser: inout Parser) -> Expression {
        var inner = Parser(source: text, path: parser.path, startingAt: position)
        inner.newlineSkipping = [true]
        do {
            inner.skipSpace()
            let expression = try inner.parseExpression()
            parser.diagnostics += inner.diagnostics
            return expression
        } catch {
            parser.diagnostics += inner.diagnostics
            return Expression(.template([.literal(text)]), range: SourceRange(file: parser.path, start: position, end: position))
        }
    }
}

extension Parser {
    /// A parser for text embedded at `position` of another file, so its errors point into that file.
    init(source: String, path: String, startingAt position: SourceRange.Position) {
        self.init(source: source, path: path)
        line = position.line
        column = position.column + 1
    }
}
