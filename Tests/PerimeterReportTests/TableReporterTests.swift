import PerimeterChecks
import PerimeterModel
import PerimeterReport
import Testing

@Suite struct TableReporterTests {
    let report = ReportFixture.report

    @Test func plainOutputMatchesGolden() {
        let actual = TableReporter(color: false).render(report)
        guard let expected = Golden.expected("table.txt", version: report.toolVersion, actual: actual) else { return }
        #expect(actual == expected)
    }

    @Test func colorAddsOnlyEscapeSequences() {
        let plain = TableReporter(color: false).render(report)
        let colored = TableReporter(color: true).render(report)
        #expect(!plain.contains("\u{1B}"))
        #expect(colored.contains("\u{1B}[1;91mCRITICAL (2)\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[1mNET-001\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        #expect(stripANSI(colored) == plain)
    }

    @Test func groupsBySeverityMostSevereFirst() {
        let lines = TableReporter(color: false).render(report).split(separator: "\n").map(String.init)
        let headings = lines.filter { !$0.hasPrefix(" ") && $0.hasSuffix(")") && !$0.hasPrefix("Input") }
        #expect(headings == ["CRITICAL (2)", "HIGH (2)", "MEDIUM (1)", "LOW (1)", "INFO (1)"])
    }

    @Test func fixComesFromTheCheckAndUnknownRulesPointAtTheCatalog() {
        let known = TableReporter(color: false).render(report)
        #expect(known.contains("    fix:      Allow 10250/tcp on node security groups only from the cluster security group."))
        let orphan = ScanReport(
            findings: [
                Finding(
                    ruleId: "NET-999", severity: .high, title: "Gone", resource: "x",
                    message: "m")
            ], toolVersion: "1")
        #expect(TableReporter(color: false).render(orphan).contains("    fix:      see 'perimeter checks NET-999'"))
    }

    @Test func messageIsOneLineAndControlCharactersAreNeutralized() {
        let finding = Finding(
            ruleId: "NET-001", severity: .critical, title: "t",
            resource: "aws_security_group.\u{1B}[2Jevil", message: "first line\nsecond line")
        let text = TableReporter(color: false).render(ScanReport(findings: [finding], toolVersion: "1"))
        #expect(text.contains("    message:  first line ..."))
        #expect(!text.contains("second line"))
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("    resource: aws_security_group.\\u{1b}[2Jevil"))
    }

    @Test func emptyReportIsJustTheSummary() {
        let text = TableReporter(color: false).render(ScanReport(inputs: ["main.tf"], toolVersion: "1"))
        #expect(text == "0 findings: 0 critical, 0 high, 0 medium, 0 low, 0 info; 1 input scanned")
    }

    @Test func warningsAloneAreHeadedAsWarnings() {
        let text = TableReporter(color: false).render(
            ScanReport(diagnostics: [.warning("odd", file: "a.json")], toolVersion: "1"))
        #expect(text.hasSuffix("Input warnings (1)\n  a.json: warning: odd"))
    }

    @Test func findingsOfOneSeverityAreOrderedByRuleResourceFileLine() {
        func finding(_ rule: String, _ resource: String, _ file: String?, _ line: Int) -> Finding {
            Finding(
                ruleId: rule, severity: .high, title: "t", resource: resource,
                location: file.map { SourceLocation(file: $0, line: line) }, message: "\(rule) \(resource) \(line)")
        }
        let shuffled = [
            finding("NET-002", "a", "x.tf", 1), finding("NET-001", "b", "x.tf", 9),
            finding("NET-001", "a", "y.tf", 1), finding("NET-001", "a", "x.tf", 7),
            finding("NET-001", "a", "x.tf", 3), finding("NET-001", "a", nil, 0)
        ]
        let text = TableReporter(color: false).render(ScanReport(findings: shuffled, toolVersion: "1"))
        let messages = text.split(separator: "\n").filter { $0.hasPrefix("    message:") }
            .map { $0.dropFirst("    message:  ".count) }
        #expect(messages == ["NET-001 a 0", "NET-001 a 3", "NET-001 a 7", "NET-001 a 1", "NET-001 b 9", "NET-002 a 1"])
    }

    private func stripANSI(_ text: String) -> String {
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\u{1B}" {
                while let next = scalars.next(), next != "m" {}
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

@Suite struct TerminalTests {
    @Test func colorOnATerminalUnlessTheUserOptsOut() {
        #expect(Terminal.wantsColor(stdoutIsTTY: true, environment: [:]))
        #expect(Terminal.wantsColor(stdoutIsTTY: true, environment: ["TERM": "xterm-256color"]))
        #expect(!Terminal.wantsColor(stdoutIsTTY: false, environment: ["TERM": "xterm-256color"]))
        #expect(!Terminal.wantsColor(stdoutIsTTY: true, environment: ["NO_COLOR": "1"]))
        #expect(!Terminal.wantsColor(stdoutIsTTY: true, environment: ["TERM": "dumb"]))
        // no-color.org: an empty NO_COLOR does not count.
        #expect(Terminal.wantsColor(stdoutIsTTY: true, environment: ["NO_COLOR": ""]))
    }

    @Test func forceColorWinsOverNoTerminalButNotOverNoColor() {
        #expect(Terminal.wantsColor(stdoutIsTTY: false, environment: ["FORCE_COLOR": "1"]))
        #expect(!Terminal.wantsColor(stdoutIsTTY: false, environment: ["FORCE_COLOR": "0"]))
        #expect(!Terminal.wantsColor(stdoutIsTTY: true, environment: ["FORCE_COLOR": "1", "NO_COLOR": "1"]))
    }

    @Test func makeReporterPicksTheFormat() {
        #expect(makeReporter(.table, color: true) is TableReporter)
        #expect((makeReporter(.table, color: true) as? TableReporter)?.color == true)
        #expect(makeReporter(.json, color: true) is JSONReporter)
        #expect(makeReporter(.sarif, color: false) is SARIFReporter)
        #expect(OutputFormat.allCases.map(\.rawValue) == ["table", "json", "sarif"])
    }
}
