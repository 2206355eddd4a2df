import Testing

@testable import PerimeterTerraform

/// Bad input gets one clear sentence at the exact line:column, and the rest of the file is still read.
@Suite struct MalformedInputTests {
    static let cases: [(source: String, expected: String)] = [
        ("a = ", "1:5: Expected a value for 'a' after '='"),
        ("a = 1 2", "1:7: Expected a newline after the value of 'a', not '2'"),
        ("a = \"unterminated", "1:5: Unterminated string: the quote opened at 1:5 is never closed"),
        ("a = \"bad \\q escape\"", "1:10: Invalid escape sequence '\\q'"),
        ("resource \"x\" {", "1:14: Unclosed '{' opened at 1:14"),
        ("resource \"x\" \"y\" {\n  a = 1\n", "1:18: Unclosed '{' opened at 1:18"),
        ("}", "1:1: Unexpected '}': there is no block to close"),
        ("a = [1, 2", "1:10: Expected ',' or ']' in the list opened at 1:5, not end of file"),
        ("a = (1 + 2", "1:11: Expected ')' to close the '(' at 1:5, not end of file"),
        ("a = {\n  b = 1\n", "1:5: Unclosed '{' opened at 1:5"),
        ("a = foo(1, 2", "1:13: Expected ',' or ')' in the arguments of 'foo', not end of file"),
        ("a = 1 +\n2", "1:8: Expected an operand after '+'; to continue on the next line, wrap the expression in parentheses"),
        ("a = x ? 1", "1:10: Expected ':' after the true result of the conditional, not end of file"),
        ("a = x ? 1 : ", "1:13: Expected an expression, not end of file"),
        ("a = <<EOT\nno end\n", "1:5: Heredoc 'EOT' is never closed: add a line holding only 'EOT'"),
        ("a = \"${var.x\"", "1:13: Expected '}' to close the interpolation opened at 1:6, not '\"'"),
        ("a = \"%{if x}yes\"", "1:6: '%{if}' is never closed with '%{endif}'"),
        ("a = \"%{endif}\"", "1:6: '%{endif}' has no matching opening directive"),
        ("a = \"%{bogus}\"", "1:13: Unknown template directive 'bogus': expected if, else, endif, for or endfor"),
        ("a = [for x in y x]", "1:17: Expected ':' after the collection of the for expression, not 'x'"),
        ("a = {for k, v in m : k v}", "1:24: Expected '=>' between the key and the value of the for expression, not 'v'"),
        ("a = b..c", "1:6: Expected a newline after the value of 'a', not '.'"),
        ("block \"label\" extra = 1", "1:21: Expected '{' to open the 'block' block, not '='"),
        ("a = 1\na = 2", "2:1: Attribute 'a' is defined more than once in this body"),
        ("\"quoted\" = 1", "1:1: Expected an attribute or block name, not '\"'"),
        ("a = f(x..., y)", "1:11: '...' may only follow the last argument of 'f'"),
        ("a = var.x[", "1:11: Expected an expression, not end of file"),
        ("a = {\n  b c\n}", "2:5: Expected '=' or ':' after an object key, not 'c'"),
        ("a = \"\\u12\"", "1:6: Invalid escape sequence: \\u needs 4 hexadecimal digits"),
        ("/* never closed", "1:1: Comment opened with '/*' is never closed"),
        ("a = 1 } ", "1:7: Expected a newline after the value of 'a', not '}'")
    ]

    @Test(arguments: cases.indices)
    func reportsExactPositionAndWording(_ index: Int) {
        let (source, expected) = Self.cases[index]
        #expect(errors(source).first == expected, "source: \(source.debugDescription)")
    }

    @Test func goodItemsAroundABadOneAreKept() {
        let result = HCLParser.parseFile(source: "a = 1\nb = = 2\nc = 3\nresource \"x\" \"y\" {\n  d = [\n}\ne = 4\n", path: "x.tf")
        #expect(result.file.body.attributes.map(\.name).contains("a"))
        #expect(result.file.body.attributes.map(\.name).contains("c"))
        #expect(result.diagnostics.count >= 2)
    }
}
