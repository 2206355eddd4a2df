// TEMPORARY: replaced by the real parser at merge.
import PerimeterModel
public enum HCLParser {
    public static func parseFile(source: String, path: String) -> (file: ConfigFile, diagnostics: [Diagnostic]) { fatalError() }
    public static func parseJSONFile(source: String, path: String) -> (file: ConfigFile, diagnostics: [Diagnostic]) { fatalError() }
    public static func parseExpression(source: String, path: String) -> (expression: Expression?, diagnostics: [Diagnostic]) { fatalError() }
    public static func parseTemplate(source: String, path: String) -> (parts: [TemplatePart], diagnostics: [Diagnostic]) { fatalError() }
}
