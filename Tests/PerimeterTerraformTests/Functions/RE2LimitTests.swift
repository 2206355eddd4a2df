import Testing

@testable import PerimeterTerraform

private typealias F = FunctionTesting

/// Patterns that make a backtracking engine run for minutes end here in a number of steps
/// bounded by `2 x instructions x (code points + 1)`; programs and nesting are bounded too.
@Suite struct RE2LimitTests {
    static let catastrophic: [(pattern: String, text: String)] = [
        ("^(a+)+$", String(repeating: "a", count: 30_000) + "!"),
        ("(a|aa)*b", String(repeating: "a", count: 30_000)),
        ("(x+x+)+y", String(repeating: "x", count: 30_000)),
        ("(.*a){20}$", String(repeating: "a", count: 5_000) + "b"),
        ("(a*)*(b*)*c", String(repeating: "ab", count: 10_000))
    ]

    /// Runs a search to its end and returns the steps it took.
    static func steps(_ pattern: String, _ text: String) throws -> (steps: Int, bound: Int, matched: Bool) {
        let regex = try RE2Regex(pattern)
        let scalars = Array(text.unicodeScalars)
        var steps = 0
        let match = try regex.firstMatch(in: scalars, steps: &steps)
        return (steps, 2 * regex.program.instructions.count * (scalars.count + 1), match != nil)
    }

    @Test func catastrophicPatternsStayWithinTheLinearBound() throws {
        for (pattern, text) in Self.catastrophic {
            let run = try Self.steps(pattern, text)
            #expect(!run.matched, "\(pattern)")
            #expect(run.steps <= run.bound, "\(pattern): \(run.steps) steps, bound \(run.bound)")
        }
    }

    @Test func stepsGrowLinearlyWithTheInput() throws {
        for pattern in ["^(a+)+$", "(a|aa)*b", "(x+x+)+y"] {
            let letter = pattern.contains("x") ? "x" : "a"
            let short = try Self.steps(pattern, String(repeating: letter, count: 10_000) + "!").steps
            let long = try Self.steps(pattern, String(repeating: letter, count: 20_000) + "!").steps
            #expect(Double(long) <= 2.05 * Double(short), "\(pattern): \(short) then \(long) steps")
        }
    }

    @Test func theFunctionsReturnOnCatastrophicInput() throws {
        let text = String(repeating: "a", count: 30_000) + "!"
        #expect(F.error("regex", .string("^(a+)+$"), .string(text)) == "The pattern '^(a+)+$' did not match any part of the given string")
        #expect(try F.call("regexall", .string("(a|aa)*b"), .string(text)) == .list([]))
        #expect(try F.call("replace", .string(text), .string("/^(a+)+$/"), .string("x")) == .string(text))
        #expect(try F.call("replace", .string(text), .string("/(a|aa)+!/"), .string("x")) == .string("x"))
    }

    @Test func programsAreBounded() {
        let large = String(repeating: "[a-z]{1000}", count: 101)
        #expect(F.error("regex", .string(large), .string("a")) == "Invalid regular expression '\(large)': expression too large")
        let groups = String(repeating: "(a)", count: 2_000)
        #expect(F.error("regex", .string(groups), .string("a")) == "Invalid regular expression '\(groups)': expression too large")
    }

    @Test func nestingIsBoundedAndDeepNestingWorks() throws {
        let tooDeep = String(repeating: "(", count: 1_001) + "a" + String(repeating: ")", count: 1_001)
        #expect(F.error("regex", .string(tooDeep), .string("a")) == "Invalid regular expression '\(tooDeep)': expression nests too deeply")
        let deep = String(repeating: "(?:", count: 998) + "a" + String(repeating: ")*", count: 998)
        #expect(try F.call("regex", .string(deep), .string("baab")) == .string(""))
        let captures = String(repeating: "(", count: 900) + "a" + String(repeating: ")", count: 900)
        let groups = try F.call("regex", .string(captures), .string("a"))
        #expect(groups == .list(Array(repeating: .string("a"), count: 900)))
    }

    @Test func theStepLimitStopsAHugeSearch() throws {
        var regex = try RE2Regex("[a-z]{100}!")
        regex.stepLimit = 10_000
        let text = Array(String(repeating: "a", count: 1_000).unicodeScalars)
        #expect(throws: RE2Error("the regular expression needs more than 10000 steps on this input")) {
            _ = try regex.firstMatch(in: text)
        }
    }
}
