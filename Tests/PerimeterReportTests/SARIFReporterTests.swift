import PerimeterChecks
import PerimeterModel
import PerimeterReport
import Testing

@Suite struct SARIFReporterTests {
    let report = ReportFixture.report

    private func sarif(_ report: ScanReport) throws -> JSONTree {
        try JSONTree.parse(SARIFReporter().render(report))
    }

    @Test func matchesGoldenSemantically() throws {
        let actual = SARIFReporter().render(report)
        guard let expected = Golden.expected("report.sarif", version: report.toolVersion, actual: actual) else { return }
        #expect(try JSONTree.parse(actual) == JSONTree.parse(expected))
    }

    @Test func validatesAgainstTheOfficialSchema() {
        let outcome = SARIFSchemaValidator.validate(SARIFReporter().render(report))
        #expect(outcome == .valid, "SARIF validation: \(outcome)")
    }

    @Test func edgeCasesStayValid() {
        let awkward = ScanReport(
            findings: [
                Finding(
                    ruleId: "NET-999", severity: .info, title: "Unknown check", resource: "sg-0abc",
                    location: SourceLocation(file: "/abs/dir with space/main.tf", line: 0, column: 0), message: "m"),
                Finding(
                    ruleId: "NET-001", severity: .critical, title: "t", resource: "r",
                    location: SourceLocation(file: "C:\\work\\infra\\main.tf", line: 2), message: "m")
            ],
            diagnostics: [.error("unreadable"), .warning("w", file: "x:y.json")],
            checks: [], inputs: [], toolVersion: "", suppressed: 0, sourceRoot: "relative/root")
        let outcome = SARIFSchemaValidator.validate(SARIFReporter().render(awkward))
        #expect(outcome == .valid, "SARIF validation: \(outcome)")
        #expect(SARIFSchemaValidator.validate(SARIFReporter().render(ScanReport(toolVersion: "1"))) == .valid)
    }

    @Test func theValidatorRejectsInvalidSARIF() {
        // Proves the schema check can fail: SARIF has no level "critical".
        let broken = SARIFReporter().render(report).replacingOccurrences(
            of: "\"level\": \"error\"",
            with: "\"level\": \"critical\"")
        guard case .invalid(let problems) = SARIFSchemaValidator.validate(broken) else {
            Issue.record("expected schema violations, got \(SARIFSchemaValidator.validate(broken))")
            return
        }
        #expect(problems.contains { $0.contains("'critical' is not one of") })
    }

    @Test func everyRuleOnceAndEveryResultPointsAtItsRule() throws {
        var duplicated = report
        duplicated.checks += duplicated.checks.prefix(2)
        duplicated.findings.append(
            Finding(
                ruleId: "NODE-003", severity: .critical, title: "Anonymous kubelet auth",
                resource: "kubelet.yaml", message: "anonymous.enabled is true"))
        let run = try #require(try sarif(duplicated)["runs"]?[0])
        let ruleIds = (run["tool"]?["driver"]?["rules"]?.array ?? []).compactMap { $0["id"]?.string }
        #expect(ruleIds.count == Set(ruleIds).count)
        #expect(Set(ruleIds) == Set(ReportFixture.checks.map(\.id) + ["NODE-003"]))
        let results = run["results"]?.array ?? []
        #expect(results.count == duplicated.findings.count)
        for result in results {
            let index = try #require(result["ruleIndex"]?.int)
            #expect(ruleIds.indices.contains(index))
            #expect(ruleIds.indices.contains(index) && ruleIds[index] == result["ruleId"]?.string)
        }
    }

    @Test func ruleCarriesHelpLevelAndSeverity() throws {
        let rules = try sarif(report)["runs"]?[0]?["tool"]?["driver"]?["rules"]?.array ?? []
        let net001 = try #require(rules.first { $0["id"]?.string == "NET-001" })
        #expect(net001["name"]?.string == "KubeletOpenToInternet")
        #expect(net001["shortDescription"]?["text"]?.string == "Kubelet API open to the internet")
        #expect(net001["defaultConfiguration"]?["level"]?.string == "error")
        #expect(net001["properties"]?["security-severity"]?.string == "9.5")
        #expect(
            net001["properties"]?["tags"]
                == .array([
                    .string("security"), .string("OWASP-K08"),
                    .string("CIS EKS 1.8.0 5.4.2")
                ]))
        let markdown = try #require(net001["help"]?["markdown"]?.string)
        #expect(markdown.contains("```hcl\nresource \"aws_security_group_rule\" \"kubelet\" {"))
        #expect(markdown.contains("- <https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html>"))
        let levels = Dictionary(
            uniqueKeysWithValues: rules.compactMap { rule in
                rule["id"]?.string.map { ($0, rule["defaultConfiguration"]?["level"]?.string ?? "") }
            })
        #expect(
            levels == [
                "NET-001": "error", "NET-002": "error", "RBAC-001": "error", "NET-010": "warning",
                "IAM-004": "note", "WL-009": "note"
            ])
        let scores = rules.compactMap { $0["properties"]?["security-severity"]?.string }
        #expect(Set(scores) == ["9.5", "8.0", "5.5", "3.0", "0.0"])
    }

    @Test func resultsPointAtFilesOrNameTheResource() throws {
        let results = try sarif(report)["runs"]?[0]?["results"]?.array ?? []
        let first = try #require(results.first)
        let physical = try #require(first["locations"]?[0]?["physicalLocation"])
        #expect(
            physical["artifactLocation"]
                == .object([
                    "uri": .string("terraform/legacy.tf"),
                    "uriBaseId": .string("%SRCROOT%")
                ]))
        #expect(physical["region"] == .object(["startLine": .number(5), "startColumn": .number(3)]))
        let live = try #require(results.first { $0["ruleId"]?.string == "NET-010" })
        #expect(live["locations"]?[0]?["physicalLocation"] == nil)
        #expect(live["locations"]?[0]?["logicalLocations"]?[0]?["fullyQualifiedName"]?.string == "prod-eks")
    }

    @Test func pathsBecomeRelativeForwardSlashURIs() throws {
        func uri(_ file: String, root: String?) throws -> JSONTree? {
            let finding = Finding(
                ruleId: "NET-001", severity: .high, title: "t", resource: "r",
                location: SourceLocation(file: file, line: 1), message: "m")
            let json = try sarif(ScanReport(findings: [finding], toolVersion: "1", sourceRoot: root))
            return json["runs"]?[0]?["results"]?[0]?["locations"]?[0]?["physicalLocation"]?["artifactLocation"]
        }
        #expect(try uri("/src/infra/eks/main.tf", root: "/src/infra/")?["uri"]?.string == "eks/main.tf")
        #expect(try uri("/src/infra/eks/main.tf", root: "/src/infra/")?["uriBaseId"]?.string == "%SRCROOT%")
        #expect(try uri("./eks\\nodes.tf", root: nil)?["uri"]?.string == "eks/nodes.tf")
        #expect(try uri("my dir/a#b.tf", root: nil)?["uri"]?.string == "my%20dir/a%23b.tf")
        #expect(try uri("/elsewhere/main.tf", root: "/src") == .object(["uri": .string("file:///elsewhere/main.tf")]))
        let json = try sarif(ScanReport(toolVersion: "1", sourceRoot: "/src/infra"))
        #expect(json["runs"]?[0]?["originalUriBaseIds"]?["%SRCROOT%"]?["uri"]?.string == "file:///src/infra/")
    }

    @Test func fingerprintsAreStableAndIgnoreTheLocation() throws {
        func fingerprint(_ finding: Finding) throws -> String? {
            let json = try sarif(ScanReport(findings: [finding], toolVersion: "1"))
            return json["runs"]?[0]?["results"]?[0]?["partialFingerprints"]?[SARIFReporter.fingerprintKey]?.string
        }
        let live = Finding(
            ruleId: "NET-010", severity: .medium, title: "t", resource: "prod-eks",
            message: "public endpoint open to 203.0.113.0/24")
        // FNV-1a 64 of the parts, each followed by 0x1F; computed independently, and must never change.
        #expect(try fingerprint(live) == "c9e53b997de72eb6")
        var moved = live
        moved.location = SourceLocation(file: "eks.tf", line: 9)
        moved.evidence = ["other"]
        #expect(try fingerprint(moved) == "c9e53b997de72eb6")
        var other = live
        other.resource = "staging-eks"
        #expect(try fingerprint(other) != "c9e53b997de72eb6")
    }

    @Test func inputErrorsAreToolNotifications() throws {
        let invocation = try #require(try sarif(report)["runs"]?[0]?["invocations"]?[0])
        #expect(invocation["executionSuccessful"] == .bool(false))
        let notes = invocation["toolExecutionNotifications"]?.array ?? []
        #expect(notes.map { $0["level"]?.string ?? "" } == ["warning", "error"])
        let error = notes[1]["locations"]?[0]?["physicalLocation"]
        #expect(error?["artifactLocation"]?["uri"]?.string == "terraform/broken.tf")
        #expect(error?["region"] == .object(["startLine": .number(3), "startColumn": .number(7)]))

        let warningsOnly = ScanReport(diagnostics: [.warning("w", file: "a.json")], toolVersion: "1")
        #expect(try sarif(warningsOnly)["runs"]?[0]?["invocations"]?[0]?["executionSuccessful"] == .bool(true))
    }
}
