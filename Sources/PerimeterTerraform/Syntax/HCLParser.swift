import PerimeterModel

/// perimeter's own parser for HCL native syntax (`.tf`, `.tfvars`) and its JSON syntax (`.tf.json`).
/// It never throws and never stops at the first error: what could be read comes back with diagnostics.
public enum HCLParser {
    public static func parseFile(source: String, path: String) -> (file: ConfigFile, diagnostics: [Diagnostic]) {
        var parser = Parser(source: source, path: path)
        parser.skipByteOrderMark()
        let body = parser.parseFileBody()
        return (ConfigFile(path: path, body: body), parser.diagnostics)
    }

    public static func parseJSONFile(source: String, path: String) -> (file: ConfigFile, diagnostics: [Diagnostic]) {
        JSONConfigReader.read(source: source, path: path)
    }

    public static func parseExpression(source: String, path: String) -> (expression: Expression?, diagnostics: [Diagnostic]) {
        var parser = Parser(source: source, path: path)
        parser.newlineSkipping = [true]
        parser.skipSpace()
        do {
            let expression = try parser.parseExpression()
            parser.skipSpace()
            guard parser.atEnd else {
                throw parser.error("Unexpected \(parser.currentText) after the expression")
            }
            return (expression, parser.diagnostics)
        } catch {
            return (nil, parser.diagnostics)
        }
    }

    public static func parseTemplate(source: String, path: String) -> (parts: [TemplatePart], diagnostics: [Diagnostic]) {
        var parser = Parser(source: source, path: path)
        do {
            let tokens = try parser.scanTemplate(.file, openedAt: parser.position)
            return (try parser.buildTemplate(tokens), parser.diagnostics)
        } catch {
            return ([], parser.diagnostics)
        }
    }
}

extension Parser {
    mutating func skipByteOrderMark() {
        if peek() == 0xEF, peek(1) == 0xBB, peek(2) == 0xBF { offset = 3 }
    }
}
