import Foundation
import PerimeterModel
import Testing

@testable import PerimeterTerraform

/// Nesting of every construct at 100,000 levels: each stops at its documented depth with an error at its
/// position, in bounded time, and the rest of the module is still evaluated.
@Suite struct DepthHardeningTests {
    static let n = Hostile.size
    static let good = "resource \"terraform_data\" \"good\" {\n  input = \"kept\"\n}\n"

    private func expectStopped(
        _ files: [String: String], _ message: String, line: Int? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        var files = files
        files["good.tf"] = Self.good
        let (result, seconds) = try Hostile.evaluate(files)
        let error = result.errors.first { $0.message.hasPrefix(message) }
        #expect(error != nil, "no '\(message)' among \(result.errorLines.prefix(3))", sourceLocation: sourceLocation)
        if let line { #expect(error?.location?.line == line, sourceLocation: sourceLocation) }
        #expect(result.resource("terraform_data.good")?["input"] == .string("kept"), sourceLocation: sourceLocation)
        #expect(seconds < 20, "took \(seconds) s", sourceLocation: sourceLocation)
    }

    @Test func longOperatorChain() throws {
        let chain = Array(repeating: "1", count: Self.n).joined(separator: "+")
        try expectStopped(
            Hostile.locals("  x = \(chain)", output: "local.x"), "Expression is nested too deeply (more than 500 levels)", line: 2)
        let (result, _) = try Hostile.evaluate(
            Hostile.locals(
                "  x = " + Array(repeating: "1", count: 400).joined(separator: "+"),
                output: "local.x"))
        #expect(result.errors.isEmpty)
    }

    @Test func longTraversalChain() throws {
        let chain = "local.y" + String(repeating: ".a", count: Self.n)
        try expectStopped(Hostile.locals("  y = {}\n  x = \(chain)", output: "local.x"), "Expression is nested too deeply", line: 3)
        let indexes = "local.y" + String(repeating: "[0]", count: Self.n)
        try expectStopped(Hostile.locals("  y = []\n  x = \(indexes)", output: "local.x"), "Expression is nested too deeply", line: 3)
    }

    @Test func nestedBracketsParenthesesObjectsConditionalsAndUnaries() throws {
        let cases = [
            String(repeating: "(", count: Self.n) + "1" + String(repeating: ")", count: Self.n),
            String(repeating: "[", count: Self.n) + String(repeating: "]", count: Self.n),
            String(repeating: "{a = ", count: Self.n) + "1" + String(repeating: "}", count: Self.n),
            String(repeating: "true ? 1 : ", count: Self.n) + "2",
            String(repeating: "!", count: Self.n) + "true",
            String(repeating: "f(", count: Self.n) + String(repeating: ")", count: Self.n),
            String(repeating: "\"${", count: Self.n) + "1" + String(repeating: "}\"", count: Self.n)
        ]
        for text in cases {
            try expectStopped(Hostile.locals("  x = \(text)", output: "local.x"), "Expression is nested too deeply", line: 2)
        }
    }

    @Test func nestedTemplateDirectives() throws {
        let template = String(repeating: "%{ if true }", count: Self.n) + "x" + String(repeating: "%{ endif }", count: Self.n)
        try expectStopped(Hostile.locals("  x = \"\(template)\"", output: "local.x"), "Template directives are nested too deeply", line: 2)
        let loops = String(repeating: "%{ for i in [1] }", count: Self.n) + "x" + String(repeating: "%{ endfor }", count: Self.n)
        try expectStopped(Hostile.locals("  x = <<EOT\n\(loops)\nEOT", output: "local.x"), "Template directives are nested too deeply")
    }

    @Test func nestedBlocks() throws {
        let blocks =
            "resource \"terraform_data\" \"deep\" {\n" + String(repeating: "b {\n", count: Self.n)
            + String(repeating: "}\n", count: Self.n) + "}\n"
        try expectStopped(["main.tf": blocks], "Blocks are nested too deeply (more than 100 levels)", line: 101)
    }

    @Test func deepJSONConfiguration() throws {
        let json = "{\"locals\": {\"x\": " + String(repeating: "[", count: Self.n) + String(repeating: "]", count: Self.n) + "}}"
        try expectStopped(["main.tf.json": json], "Expression is nested too deeply", line: 1)
    }

    @Test func longChainOfLocals() throws {
        var body = (0..<Self.n).map { "  l\($0) = local.l\($0 + 1)" }
        body.append("  l\(Self.n) = 1")
        try expectStopped(
            Hostile.locals(body.joined(separator: "\n"), output: "local.l0"),
            "Evaluation is nested deeper than 2000 levels")
        // Each link a deeper expression: the same limit, not the stack, stops it.
        let wrapped = (0..<5_000).map { "  l\($0) = [[[[local.l\($0 + 1)]]]]" } + ["  l5000 = 1"]
        try expectStopped(
            Hostile.locals(wrapped.joined(separator: "\n"), output: "local.l0"),
            "Evaluation is nested deeper than 2000 levels")
        // A chain of 300 is well within it.
        let short = (0..<300).map { "  l\($0) = local.l\($0 + 1)" } + ["  l300 = 7"]
        let (result, _) = try Hostile.evaluate(Hostile.locals(short.joined(separator: "\n"), output: "local.l0"))
        #expect(result.errors.isEmpty)
        #expect(result.outputs["o"] == .number(7))
    }

    @Test func templateFileThatRendersItself() throws {
        let files = [
            "main.tf": "output \"o\" {\n  value = templatefile(\"${path.module}/t.tpl\", {})\n}\n",
            "t.tpl": "a${templatefile(\"t.tpl\", {})}"
        ]
        try expectStopped(files, "templatefile(): ")
        let (result, _) = try Hostile.evaluate(files)
        #expect(result.errors.first?.message.contains("cannot be called from inside a template file") == true)
        #expect(result.outputs["o"]?.isUnknown == true)
    }

    @Test func moduleThatCallsItself() throws {
        let files = ["main.tf": "module \"me\" {\n  source = \"./\"\n}\n"]
        try expectStopped(files, "Module call cycle: the root module -> module.me, whose source", line: 2)
    }

    @Test func modulesThatCallEachOther() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-cycle-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        for (name, other) in [("a", "b"), ("b", "a")] {
            let directory = base.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try "module \"\(other)\" {\n  source = \"../\(other)\"\n}\n\(Self.good)"
                .write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        }
        let loader = ModuleLoader()
        let roots = TerraformEvaluator.rootModules(under: base.path, loader: loader)
        #expect(roots == [base.appendingPathComponent("a").path])
        var inputs = VariableInputs()
        inputs.limits.treeRoots = [base.path]
        let result = TerraformEvaluator.evaluate(directory: roots[0], inputs: inputs, loader: loader)
        #expect(
            result.errorLines == [
                "main.tf:2:12: Module call cycle: the root module -> module.b -> module.b.module.a, whose source '\(base.path)/a' is already in the chain; the call is not read"
            ])
        #expect(result.addresses == ["terraform_data.good", "module.b.terraform_data.good"])
    }

    @Test func rootModuleThatCallsItselfIsStillARoot() throws {
        let module = try TemporaryModule(["main.tf": "module \"me\" {\n  source = \"./\"\n}\n"])
        defer { module.remove() }
        #expect(TerraformEvaluator.rootModules(under: module.directory.path, loader: ModuleLoader()) == [module.directory.path])
    }
}
