import PerimeterModel
import PerimeterReport
import Testing

/// How each format says what a scan could not decide: the table's block and summary line, JSON's
/// `undecided` and `coverage`, SARIF's notes; and how a call chain shows.
@Suite struct UndecidedReportTests {
    let report = ReportFixture.undecidedReport

    @Test func tableMatchesGolden() {
        let actual = TableReporter(color: false).render(report)
        guard let expected = Golden.expected("table-undecided.txt", version: report.toolVersion, actual: actual) else { return }
        #expect(actual == expected)
    }

    @Test func tableSummaryEndsWithUndecidedAndModulesAndRootModules() {
        let summary = TableReporter(color: false).render(report).split(separator: "\n").first { $0.hasPrefix("7 findings") }.map(
            String.init)
        #expect(
            summary == "7 findings: 2 critical, 2 high, 1 medium, 1 low, 1 info; 2 suppressed; "
                + "2 checks undecided (values known only after apply); "
                + "1 module call not read (run terraform init or use --download-modules); "
                + "1 root module, 1 plan, 1 manifest set scanned")
    }

    @Test func aScanWithNothingUndecidedSaysSo() {
        let clean = ScanReport(inputs: ["."], toolVersion: "1")
            .with(undecided: [], coverage: [InputCoverage(input: ".", kind: "terraform", resources: 3, instances: 3)])
        #expect(
            TableReporter(color: false).render(clean)
                == "0 findings: 0 critical, 0 high, 0 medium, 0 low, 0 info; 0 checks undecided; 1 root module scanned")
        let json = try? JSONTree.parse(JSONReporter().render(clean))
        #expect(json?["undecided"] == .array([]))
        #expect(json?["summary"]?["undecided"]?.int == 0)
    }

    @Test func jsonMatchesGolden() throws {
        let actual = JSONReporter().render(report)
        guard let expected = Golden.expected("report-undecided.json", version: report.toolVersion, actual: actual) else { return }
        #expect(try JSONTree.parse(actual) == JSONTree.parse(expected))
    }

    @Test func jsonListsUndecidedAndCoverage() throws {
        let json = try JSONTree.parse(JSONReporter().render(report))
        let undecided = json["undecided"]?.array ?? []
        #expect(undecided.map { $0["kind"]?.string ?? "" } == ["check", "check", "module-not-read"])
        #expect(undecided.map { $0["ruleId"]?.string } == ["NET-001", "NET-010", nil])
        #expect(
            undecided[0]["message"]?.string == "NET-001 undecided on module.eks.aws_security_group_rule.extra: source of ingress "
                + "tcp 10250 on 'module.eks.aws_security_group.node' is unknown: variable 'allowed' has no value")
        #expect(undecided[0]["callChain"]?[0]?["line"]?.int == 12)
        #expect(undecided[2]["fix"]?.string == "run terraform init or use --download-modules")
        let coverage = json["coverage"]?.array ?? []
        #expect(coverage.map { $0["input"]?.string ?? "" } == ["terraform", "plan.json", "manifests"])
        #expect(coverage[0]["moduleCallsNotRead"]?.int == 1)
        #expect(coverage[0]["unknownValuesThatMattered"]?.int == 2)
        #expect(json["summary"]?["undecided"]?.int == 2)
        #expect(json["summary"]?["modulesNotRead"]?.int == 1)
        let finding = json["findings"]?.array.first { $0["resource"]?.string?.hasPrefix("module.eks.") == true }
        #expect(finding?["callChain"]?[0]?["module"]?.string == "eks")
        #expect(finding?["callChain"]?[0]?["file"]?.string == "terraform/main.tf")
    }

    @Test func sarifMatchesGoldenAndSchema() throws {
        let actual = SARIFReporter().render(report)
        #expect(SARIFSchemaValidator.validate(actual) == .valid)
        guard let expected = Golden.expected("report-undecided.sarif", version: report.toolVersion, actual: actual) else { return }
        #expect(try JSONTree.parse(actual) == JSONTree.parse(expected))
    }

    @Test func sarifCarriesUndecidedAsNotesAndCallersAsRelatedLocations() throws {
        let run = try #require(try JSONTree.parse(SARIFReporter().render(report))["runs"]?[0])
        let notes = run["invocations"]?[0]?["toolExecutionNotifications"]?.array ?? []
        #expect(notes.map { $0["level"]?.string ?? "" } == ["warning", "error", "note", "note", "note"])
        #expect(notes[2]["associatedRule"]?["id"]?.string == "NET-001")
        #expect(
            notes[4]["message"]?["text"]?.string == "module.vpc not read: source 'terraform-aws-modules/vpc/aws' is not "
                + "installed, so nothing in it was checked (run terraform init or use --download-modules)")
        let chained = run["results"]?.array.first { $0["properties"]?["resource"]?.string?.hasPrefix("module.eks.") == true }
        let related = chained?["relatedLocations"]?[0]?["physicalLocation"]
        #expect(related?["artifactLocation"]?["uri"]?.string == "terraform/main.tf")
        #expect(related?["region"]?["startLine"]?.int == 12)
    }
}
