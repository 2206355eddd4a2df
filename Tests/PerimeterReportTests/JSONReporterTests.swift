import PerimeterModel
import PerimeterReport
import Testing

@Suite struct JSONReporterTests {
    let report = ReportFixture.report

    @Test func matchesGoldenSemantically() throws {
        let actual = JSONReporter().render(report)
        guard let expected = Golden.expected("report.json", version: report.toolVersion, actual: actual) else { return }
        #expect(try JSONTree.parse(actual) == JSONTree.parse(expected))
    }

    @Test func isDeterministicWithSortedKeys() {
        let first = JSONReporter().render(report)
        var reversed = report
        reversed.findings.reverse()
        reversed.checks.reverse()
        #expect(JSONReporter().render(reversed) == first)
        #expect(first.hasPrefix("{\n  \"errors\": ["))
    }

    @Test func summaryCountsEverySeverity() throws {
        let summary = try #require(try JSONTree.parse(JSONReporter().render(report))["summary"])
        #expect(summary.keys == ["total", "critical", "high", "medium", "low", "info", "suppressed", "inputs"])
        #expect(summary["total"]?.int == 7)
        #expect(summary["critical"]?.int == 2)
        #expect(summary["high"]?.int == 2)
        #expect(summary["medium"]?.int == 1)
        #expect(summary["low"]?.int == 1)
        #expect(summary["info"]?.int == 1)
        #expect(summary["suppressed"]?.int == 2)
        #expect(summary["inputs"]?.int == 3)
    }

    @Test func findingsFollowTheContract() throws {
        let json = try JSONTree.parse(JSONReporter().render(report))
        #expect(json["version"]?.int == 1)
        #expect(json["tool"]?["name"]?.string == "perimeter")
        let findings = json["findings"]?.array ?? []
        #expect(
            findings.map { $0["ruleId"]?.string ?? "" }
                == ["NET-001", "NET-001", "NET-002", "RBAC-001", "NET-010", "IAM-004", "WL-009"])
        let first = try #require(findings.first)
        #expect(first.keys == ["ruleId", "severity", "title", "resource", "location", "message", "evidence"])
        #expect(first["location"]?.keys == ["file", "line", "column"])
        let live = try #require(findings.first { $0["ruleId"]?.string == "NET-010" })
        #expect(live["location"] == nil, "a finding without a location has no location key")
        #expect(live["resource"]?.string == "prod-eks")
    }

    @Test func errorsCarryPlaceAndSeverity() throws {
        let errors = try JSONTree.parse(JSONReporter().render(report))["errors"]?.array ?? []
        #expect(errors.count == 2)
        #expect(errors[0]["file"]?.string == "plan.json")
        #expect(errors[0]["line"] == nil)
        #expect(errors[0]["severity"]?.string == "warning")
        #expect(errors[1]["file"]?.string == "terraform/broken.tf")
        #expect(errors[1]["line"]?.int == 3)
        #expect(errors[1]["column"]?.int == 7)
        #expect(errors[1]["severity"]?.string == "error")
    }

    @Test func stringsWithQuotesAndControlCharactersRoundTrip() throws {
        let awkward = "module.x.aws_security_group_rule.r[\"a\\b\"]\n\t\u{01}\u{7F} é/😀"
        let finding = Finding(ruleId: "NET-001", severity: .critical, title: "t", resource: awkward, message: awkward)
        let json = try JSONTree.parse(JSONReporter().render(ScanReport(findings: [finding], toolVersion: "1")))
        #expect(json["findings"]?[0]?["resource"]?.string == awkward)
        #expect(json["findings"]?[0]?["message"]?.string == awkward)
    }

    @Test func emptyReportHasEveryTopLevelKey() throws {
        let json = try JSONTree.parse(JSONReporter().render(ScanReport(toolVersion: "1")))
        #expect(json.keys == ["version", "tool", "findings", "errors", "summary"])
        #expect(json["findings"] == .array([]))
        #expect(json["summary"]?["total"]?.int == 0)
    }
}
