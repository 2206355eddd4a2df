import Foundation
import Testing

@Suite struct ScanCommandTests {
    @Test func exitCodesFollowTheContract() throws {
        #expect(try CLI.run(["scan", "examples/eks-after"]).status == 0)
        #expect(try CLI.run(["scan", "examples/eks-before"]).status == 1)
        #expect(try CLI.run(["scan", "examples/eks-before", "--fail-on", "never"]).status == 0)
        #expect(try CLI.run(["scan", "examples/eks-before", "--fail-on", "critical"]).status == 0)
        #expect(try CLI.run(["scan", "examples/eks-before", "--fail-on", "high"]).status == 1)
    }

    @Test func scanIsTheDefaultCommand() throws {
        let run = try CLI.run(["examples/eks-before", "--format", "json"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("\"ruleId\""))
    }

    @Test func jsonFollowsTheOutputContract() throws {
        let run = try CLI.run(["scan", "examples/eks-before", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 1)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 6)
        let first = try #require(findings.first)
        for key in ["ruleId", "severity", "title", "resource", "location", "message"] {
            #expect(first[key] != nil, "finding lacks \(key)")
        }
        #expect((json["summary"] as? [String: Any])?["high"] as? Int == 4)
    }

    @Test func checkSelectionAndSkipping() throws {
        let only = try CLI.run(["scan", "examples/eks-before", "--format", "json", "--check", "NET-010"])
        #expect(only.stdout.components(separatedBy: "\"ruleId\"").count - 1 == 1)
        let skipped = try CLI.run(["scan", "examples/eks-before", "--format", "json", "--skip-check", "NET-002", "--skip-check", "net-003"])
        #expect(!skipped.stdout.contains("NET-002") && !skipped.stdout.contains("NET-003"))
    }

    @Test func usageErrorsExitTwoWithOneClearLine() throws {
        let unknownCheck = try CLI.run(["scan", "examples/eks-before", "--check", "NET-999"])
        #expect(unknownCheck.status == 2)
        #expect(unknownCheck.stderr.contains("Unknown check 'NET-999'"))
        let unknownFormat = try CLI.run(["scan", "examples/eks-before", "--format", "xml"])
        #expect(unknownFormat.status == 2)
        #expect(unknownFormat.stderr.contains("xml"))
    }

    @Test func inputErrorsExitTwoAndKeepFindings() throws {
        let run = try CLI.run(["scan", "/nonexistent/input", "examples/eks-before", "--format", "json"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("NET-004"), "findings of the good input still print")
        #expect(run.stderr.contains("/nonexistent/input: error: No such file or directory"))
    }

    @Test func variablesFromTheCommandLine() throws {
        // Reopening the public endpoint to the world through --var turns NET-010 into NET-011.
        let run = try CLI.run(["scan", "examples/eks-before", "--format", "json", "--var", "public_access_cidrs=[\"0.0.0.0/0\"]"])
        #expect(run.stdout.contains("NET-011") && !run.stdout.contains("NET-010"))
    }

    @Test func sarifAndOutputFile() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-\(UUID().uuidString).sarif")
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try CLI.run(["scan", "examples/eks-before", "--format", "sarif", "--output", output.path])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
    }

    @Test func tableHasNoColorWithoutATerminal() throws {
        let run = try CLI.run(["scan", "examples/eks-before"], environment: ["FORCE_COLOR": ""])
        #expect(!run.stdout.contains("\u{1B}["))
        #expect(run.stdout.contains("NET-004"))
    }

    @Test func helpHasExamples() throws {
        let run = try CLI.run(["scan", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Examples:"))
        #expect(run.stdout.contains("--fail-on"))
    }
}

@Suite struct ChecksCommandTests {
    @Test func listsTheCatalog() throws {
        let run = try CLI.run(["checks"])
        #expect(run.status == 0)
        for id in ["NET-001", "NET-016", "NODE-001"] { #expect(run.stdout.contains(id)) }
    }

    @Test func explainsOneCheck() throws {
        let run = try CLI.run(["checks", "net-001"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Why it matters"))
        #expect(run.stdout.contains("source_security_group_id"))
    }

    @Test func unknownCheckIsAUsageError() throws {
        let run = try CLI.run(["checks", "NET-999"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Unknown check 'NET-999'"))
    }
}
