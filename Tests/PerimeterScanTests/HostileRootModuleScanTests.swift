import Foundation
import PerimeterChecks
import PerimeterModel
import PerimeterScan
import PerimeterTerraform
import Testing

/// One scan of a directory with a good root module beside hostile ones: each hostile one ends in
/// bounded time with an error at its position (so `scan` exits 2), and the good one's finding is kept.
@Suite struct HostileRootModuleScanTests {
    static let good = """
        resource "aws_eks_cluster" "this" {
          name     = "good"
          role_arn = "arn:aws:iam::123456789012:role/eks"
          vpc_config {
            subnet_ids              = ["subnet-1"]
            endpoint_public_access  = true
            endpoint_private_access = true
          }
        }
        """

    static var hostile: [String: [String: String]] {
        let n = 100_000
        return [
            "plus": ["main.tf": "locals {\n  x = " + Array(repeating: "1", count: n).joined(separator: "+") + "\n}\n"],
            "parens": ["main.tf": "locals {\n  x = " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n) + "\n}\n"],
            "ifs": [
                "main.tf": "locals {\n  x = \"" + String(repeating: "%{ if true }", count: n) + String(repeating: "%{ endif }", count: n)
                    + "\"\n}\n"
            ],
            "blocks": [
                "main.tf": "resource \"terraform_data\" \"a\" {\n" + String(repeating: "b {\n", count: n)
                    + String(repeating: "}\n", count: n) + "}\n"
            ],
            "chain": [
                "main.tf": "locals {\n" + (0..<n).map { "  l\($0) = local.l\($0 + 1)\n" }.joined()
                    + "  l\(n) = 1\n}\noutput \"o\" {\n  value = local.l0\n}\n"
            ],
            "count": ["main.tf": "resource \"terraform_data\" \"a\" {\n  count = 1e9\n}\n"],
            "self": ["main.tf": "module \"me\" {\n  source = \"./\"\n}\n"],
            "template": [
                "main.tf": "output \"o\" {\n  value = templatefile(\"${path.module}/t.tpl\", {})\n}\n",
                "t.tpl": "${templatefile(\"t.tpl\", {})}"
            ],
            "outside": ["main.tf": "output \"o\" {\n  value = file(\"/etc/passwd\")\n}\n"]
        ]
    }

    @Test func hostileRootModulesDoNotCostTheGoodOnesFindings() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        var files = Self.hostile
        files["good"] = ["main.tf": Self.good]
        for (root, contents) in files {
            for (name, text) in contents {
                let url = base.appendingPathComponent(root).appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
        }
        var variables = VariableInputs()
        variables.limits.treeRoots = [base.path]
        let start = Date()
        let result = Scanner.scan(ScanOptions(paths: [base.path], variables: variables))
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds < 60, "took \(seconds) s")

        #expect(result.findings.contains { $0.ruleId == "NET-011" && $0.resource == "aws_eks_cluster.this" })
        #expect(result.hasErrors)
        let expected: [String: String] = [
            "plus": "Expression is nested too deeply (more than 500 levels)",
            "parens": "Expression is nested too deeply",
            "ifs": "Template directives are nested too deeply",
            "blocks": "Blocks are nested too deeply",
            "chain": "Evaluation is nested deeper than 2000 levels",
            "count": "count of terraform_data.a asks for 1000000000 instances",
            "self": "Module call cycle: the root module -> module.me, whose source",
            "template": "templatefile(): templatefile() cannot be called from inside a template file",
            "outside": "file(): '/etc/passwd' is outside the scanned tree"
        ]
        for (root, message) in expected {
            let error = result.diagnostics.first { diagnostic in
                diagnostic.severity == .error && diagnostic.message.hasPrefix(message)
                    && diagnostic.location?.file.contains("/\(root)/") == true
            }
            #expect(error != nil, "\(root): \(result.diagnostics.filter { $0.location?.file.contains("/\(root)/") == true })")
            #expect((error?.location?.line ?? 0) >= 1 && (error?.location?.column ?? 0) >= 1)
        }
        #expect(!result.diagnostics.contains { $0.message.contains("root:x:0") })
    }
}
