import Foundation
import PerimeterModel
import Testing

@testable import PerimeterTerraform

/// Inputs that ask for unbounded work: each ends quickly with an error naming the limit and how to raise it.
@Suite struct BudgetHardeningTests {
    private func expectLimit(
        _ files: [String: String], _ fragment: String, limits: EvaluationLimits = EvaluationLimits(),
        within seconds: Double = 5, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> TerraformEvaluation {
        let (result, took) = try Hostile.evaluate(files, limits: limits)
        #expect(result.errors.contains { $0.message.contains(fragment) }, "\(result.errorLines.prefix(3))", sourceLocation: sourceLocation)
        #expect(took < seconds, "took \(took) s", sourceLocation: sourceLocation)
        return result
    }

    @Test func hugeCountsEndAtOnce() throws {
        for count in ["1e9", "1e6", "10001"] {
            let result = try expectLimit(
                ["main.tf": "resource \"terraform_data\" \"a\" {\n  count = \(count)\n  input = 1\n}\n"],
                "more than the limit of 10000 (raise it with --max-instances N)", within: 1)
            #expect(result.errorLines.first?.hasPrefix("main.tf:2:11: count of terraform_data.a asks for") == true)
            // One stand-in remains, so what every instance shares is still checked.
            #expect(result.addresses == ["terraform_data.a[*]"])
        }
    }

    @Test func instanceLimitCanBeRaised() throws {
        var limits = EvaluationLimits()
        limits.maximumInstances = 3
        let files = ["main.tf": "resource \"terraform_data\" \"a\" {\n  for_each = toset([\"x\", \"y\", \"z\", \"w\"])\n}\n"]
        _ = try expectLimit(files, "for_each of terraform_data.a asks for 4 instances, more than the limit of 3", limits: limits)
        limits.maximumInstances = 4
        let (result, _) = try Hostile.evaluate(files, limits: limits)
        #expect(result.errors.isEmpty)
        #expect(result.resources.count == 4)
    }

    @Test func functionsThatWouldBuildHugeValues() throws {
        let cases: [(String, String)] = [
            (
                "range(1e9)",
                "the result would hold 1000000000 elements, more than the limit of 1000000 (raise it with --limit collection-length=N)"
            ),
            ("setproduct(range(1000), range(1000), range(1000))", "more than the limit of 1000000"),
            (
                "format(\"%999999999d\", 1)",
                "the result would be 999999999 bytes long, more than the limit of 16777216 (raise it with --limit string-bytes=N)"
            ),
            ("join(\"\", [for i in range(40) : format(\"%1000000s\", \"\")])", "more than the limit of 16777216"),
            ("indent(100000000, \"a\\nb\")", "more than the limit of 16777216"),
            ("replace(format(\"%1000000s\", \"\"), \" \", \"abcdefghijklmnopqrstuvwxyz\")", "more than the limit of 16777216")
        ]
        for (expression, fragment) in cases {
            let result = try expectLimit(Hostile.locals("  x = \(expression)", output: "local.x"), fragment)
            #expect(result.outputs["o"]?.isUnknown == true, "\(expression)")
        }
    }

    @Test func valuesThatDoubleThroughLocals() throws {
        let doubling = ["  l0 = \"aaaaaaaa\""] + (1...60).map { "  l\($0) = [local.l\($0 - 1), local.l\($0 - 1)]" }
        let result = try expectLimit(
            Hostile.locals(doubling.joined(separator: "\n"), output: "jsonencode(local.l60)"),
            "holds more than 1000000 elements (raise the limit with --limit collection-length=N)")
        #expect(result.outputs["o"]?.isUnknown == true)
        let strings = ["  s0 = format(\"%1000000s\", \"\")"] + (1...40).map { "  s\($0) = [local.s\($0 - 1), local.s\($0 - 1)]" }
        _ = try expectLimit(
            Hostile.locals(strings.joined(separator: "\n"), output: "local.s40"),
            "holds more than 67108864 bytes of strings (raise the limit with --limit value-bytes=N)")
    }

    @Test func stepBudgetStopsQuadraticLoops() throws {
        var limits = EvaluationLimits()
        limits.maximumSteps = 200_000
        let loops = "length(flatten([for a in range(1000) : [for b in range(1000) : b]]))"
        let result = try expectLimit(
            Hostile.locals("  x = \(loops)", output: "local.x"),
            "took more than 200000 steps; the rest is unknown (raise the limit with --limit steps=N)", limits: limits)
        #expect(result.errors.count == 1)
        let empty = "\"%{ for a in range(1000) }%{ for b in range(1000) }%{ endfor }%{ endfor }\""
        _ = try expectLimit(Hostile.locals("  x = \(empty)", output: "local.x"), "took more than 200000 steps", limits: limits)
    }

    @Test func templateOutputIsBounded() throws {
        let files = Hostile.locals(
            "  kb = format(\"%1024s\", \"\")\n  x = \"%{ for i in range(1000) }%{ for j in range(20) }${local.kb}%{ endfor }%{ endfor }\"",
            output: "local.x")
        _ = try expectLimit(files, "The template's result is longer than 16777216 bytes (raise the limit with --limit string-bytes=N)")
    }

    @Test func bigFilesAreMeasuredBeforeReading() throws {
        let module = try TemporaryModule(["main.tf": "output \"o\" {\n  value = length(file(\"big.bin\"))\n}\n"])
        defer { module.remove() }
        // Sparse: 2 GiB of address, no disk blocks.
        let big = module.directory.appendingPathComponent("big.bin").path
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: big))
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        let start = Date()
        let result = TerraformEvaluator.evaluate(directory: module.directory.path)
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(
            result.errorLines == [
                "main.tf:2:18: file(): 'big.bin' is 2147483648 bytes, more than the limit of 16777216 (raise it with --limit file-bytes=N)"
            ])
        #expect(result.outputs["o"]?.isUnknown == true)
    }

    @Test func aFIFOIsNeverOpened() throws {
        let module = try TemporaryModule(["main.tf": "output \"o\" {\n  value = file(\"pipe\")\n}\n"])
        defer { module.remove() }
        #expect(mkfifo(module.directory.appendingPathComponent("pipe").path, 0o600) == 0)
        let result = TerraformEvaluator.evaluate(directory: module.directory.path)
        #expect(result.errorLines == ["main.tf:2:11: file(): 'pipe' is not a regular file"])
    }
}
