import Foundation
import Testing

@testable import PerimeterTerraform

private typealias F = FunctionTesting

/// The RE2 engine behind `regex`, `regexall` and `replace`: the table of RE2's syntax and
/// semantics (judged again by Terraform when it is on PATH), its errors, and its limits.
@Suite struct RE2SyntaxTests {
    /// `regexall` as the function library returns it, in Terraform's `jsonencode`, or `error`.
    static func regexall(_ pattern: String, _ text: String) -> String {
        do {
            return try F.json("regexall", .string(pattern), .string(text))
        } catch {
            return "error"
        }
    }

    @Test func everyTableCaseMatchesAsGoDoes() {
        #expect(RE2Cases.matches.count >= 120)
        #expect(RE2Cases.matches.filter { $0.expected == "error" }.count >= 30)
        var mismatches: [String] = []
        for item in RE2Cases.matches {
            let ours = Self.regexall(item.pattern, item.text)
            if ours != item.expected {
                mismatches.append(
                    "regexall(\(item.pattern.debugDescription), \(item.text.debugDescription)): expected \(item.expected), got \(ours)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
    }

    @Test func everyReplacementExpandsAsGoDoes() {
        #expect(RE2Cases.replacements.count >= 30)
        var mismatches: [String] = []
        for item in RE2Cases.replacements {
            let ours: String
            do {
                ours =
                    try F.call("replace", .string(item.text), .string("/\(item.pattern)/"), .string(item.template)).stringValue
                    ?? "not a string"
            } catch {
                ours = "error"
            }
            if ours != item.expected {
                mismatches.append(
                    "replace(\(item.text.debugDescription), /\(item.pattern)/, \(item.template.debugDescription)): expected \(item.expected.debugDescription), got \(ours.debugDescription)"
                )
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
    }

    /// The table's expectations are Terraform's own answers: every case is run again through
    /// `terraform console`, so a wrong expectation cannot hide in the table.
    @Test(.enabled(if: TerraformOracleTests.terraform != nil, "terraform is not on PATH: table not re-judged"))
    func terraformGivesTheTablesAnswers() throws {
        let marker = TerraformOracleTests.failureMarker
        let matchExpressions = RE2Cases.matches.map { "regexall(\(Self.hcl($0.pattern)), \(Self.hcl($0.text)))" }
        let matchResults = try TerraformOracleTests.terraformResults(matchExpressions)
        try #require(matchResults.count == RE2Cases.matches.count)
        for (item, result) in zip(RE2Cases.matches, matchResults) {
            #expect(
                (result == marker ? "error" : result) == item.expected,
                "regexall(\(item.pattern.debugDescription), \(item.text.debugDescription))")
        }
        // `jsonencode` of a string result, so the console's output is one JSON text per case.
        let replaceExpressions = RE2Cases.replacements.map {
            "replace(\(Self.hcl($0.text)), \(Self.hcl("/\($0.pattern)/")), \(Self.hcl($0.template)))"
        }
        let replaceResults = try TerraformOracleTests.terraformResults(replaceExpressions)
        try #require(replaceResults.count == RE2Cases.replacements.count)
        for (item, result) in zip(RE2Cases.replacements, replaceResults) {
            let decoded =
                result == marker
                ? "error" : (try? JSONSerialization.jsonObject(with: Data(result.utf8), options: .fragmentsAllowed)) as? String
            #expect(
                decoded == item.expected, "replace(\(item.text.debugDescription), /\(item.pattern)/, \(item.template.debugDescription))")
        }
    }

    /// An HCL string literal holding the text exactly (no interpolation).
    static func hcl(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "\"": output += "\\\""
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += String(format: "\\u%04X", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        // `${` and `%{` would start a template sequence.
        return output.replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{") + "\""
    }

    @Test func refusedSyntaxIsNamedInTheError() {
        let errors: [(String, String)] = [
            (#"(a)\1"#, #"invalid escape sequence (RE2 has no backreferences): '\1'"#),
            ("(?=a)", "invalid or unsupported Perl syntax (RE2 has no lookahead): '(?='"),
            ("(?!a)", "invalid or unsupported Perl syntax (RE2 has no lookahead): '(?!'"),
            ("(?<=a)b", "invalid or unsupported Perl syntax (RE2 has no lookbehind): '(?<='"),
            ("a**", "invalid nested repetition operator: '**'"),
            ("*a", "missing argument to repetition operator: '*'"),
            ("a{1001}", "invalid repeat count: '{1001}'"),
            ("(a{100}){11}", "invalid repeat count: '{11}'"),
            ("(a", "missing closing ): '(a'"),
            ("a)", "unexpected ): 'a)'"),
            ("[a", "missing closing ]: '[a'"),
            ("[z-a]", "invalid character class range: 'z-a'"),
            (#"\p{Foo}"#, #"invalid character class range: '\p{Foo}'"#),
            ("[[:foo:]]", "invalid character class range: '[:foo:]'"),
            (#"\C"#, #"invalid escape sequence: '\C'"#),
            ("(?P<>a)", "invalid named capture: '(?P<>'"),
            ("(?x)a", "invalid or unsupported Perl syntax: '(?x'")
        ]
        for (pattern, message) in errors {
            #expect(F.error("regex", .string(pattern), .string("a")) == "Invalid regular expression '\(pattern)': \(message)")
        }
    }

    /// Go's documented example of leftmost-first against POSIX's leftmost-longest.
    @Test func alternationPrefersTheFirstAlternativeNotTheLongest() throws {
        #expect(try F.call("regex", .string("a|ab"), .string("ab")) == .string("a"))
        #expect(try F.json("regex", .string("(a|ab)(c|bcd)(d*)"), .string("abcd")) == #"["a","bcd",""]"#)
        #expect(try F.call("regex", .string("(?:foo|foobar)"), .string("foobar")) == .string("foo"))
    }

    @Test func caseFoldingOrbitsFollowUnicode() {
        #expect(RE2CaseFolding.orbit(of: 0x6B) == [0x4B, 0x6B, 0x212A])
        #expect(RE2CaseFolding.orbit(of: 0x3C3) == [0x3A3, 0x3C2, 0x3C3])
        #expect(RE2CaseFolding.orbit(of: 0x131) == [0x131])
        #expect(RE2CaseFolding.orbit(of: 0x31) == [0x31])
    }
}
