import PerimeterChecks
import PerimeterModel

/// The default, human-readable output: findings grouped by severity (most severe first), each with
/// its id, title, resource, file:line, message, evidence and fix; then a summary line and the
/// input errors. With `color`, severity labels are colored and ids bold; the text is otherwise identical.
public struct TableReporter: Reporter {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    private static let labelWidth = 10

    public func render(_ report: ScanReport) -> String {
        let style = ANSIStyle(enabled: color)
        var blocks: [String] = []
        let ordered = report.orderedFindings
        // One input needs no naming; several root modules may print the same address.
        let namesInputs = Set(ordered.map(\.input)).count > 1
        for severity in Severity.allCases.reversed() {
            let group = ordered.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            var lines = [style.severity("\(severity.rawValue.uppercased()) (\(group.count))", severity)]
            for finding in group {
                lines.append("")
                lines += findingLines(finding, check: report.check(for: finding.ruleId), namesInput: namesInputs, style: style)
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        if let undecided = TableUndecided.block(report, style: style) {
            blocks.append(undecided)
        }
        blocks.append(summary(report, style: style))
        if let errors = diagnosticsBlock(report, style: style) {
            blocks.append(errors)
        }
        return blocks.joined(separator: "\n\n")
    }

    private func findingLines(_ finding: Finding, check: CheckDescription?, namesInput: Bool, style: ANSIStyle) -> [String] {
        var lines = ["  " + style.bold(TerminalText.safe(finding.ruleId)) + "  " + oneLine(finding.title)]
        lines += field("resource", [oneLine(finding.resource)])
        // A file input is already named by the location.
        if namesInput, let input = finding.input, input != finding.location?.file {
            lines += field("input", [oneLine(input)])
        }
        if let location = finding.location {
            // Inside a module: the caller's line first, where the user works and where the value came from.
            let chain = (finding.callChain ?? []).map(\.description) + ["\(location.file):\(location.line)"]
            lines += field("location", [TerminalText.safe(chain.joined(separator: " → "))])
        }
        lines += field("message", [oneLine(finding.message)])
        lines += field("evidence", finding.evidence.flatMap(TerminalText.lines))
        if let check {
            lines += field("fix", TerminalText.lines(check.remediation))
        } else {
            lines += field("fix", ["see 'perimeter checks \(TerminalText.safe(finding.ruleId))'"])
        }
        return lines
    }

    /// `    label:    value`, continuation lines aligned under the first value.
    private func field(_ label: String, _ values: [String]) -> [String] {
        guard !values.isEmpty else { return [] }
        let head = (label + ":").padding(to: Self.labelWidth)
        let continuation = String(repeating: " ", count: Self.labelWidth)
        return values.enumerated().map { index, value in
            "    " + (index == 0 ? head : continuation) + value
        }
    }

    /// The first line only, marked when more was cut.
    private func oneLine(_ text: String) -> String {
        let lines = TerminalText.lines(text)
        guard let first = lines.first else { return "" }
        return lines.count > 1 ? first + " ..." : first
    }

    private func summary(_ report: ScanReport, style: ANSIStyle) -> String {
        let total = report.findings.count
        let counts = Severity.allCases.reversed().map { "\(report.count(of: $0)) \($0.rawValue)" }
        var parts = [style.bold(plural(total, "finding")) + ": " + counts.joined(separator: ", ")]
        if report.suppressed > 0 {
            parts.append("\(report.suppressed) suppressed")
        }
        if report.tracksUndecided { parts.append(TableUndecided.checksSummary(report)) }
        if let modules = TableUndecided.modulesSummary(report) { parts.append(modules) }
        parts.append((report.inputsByKind ?? plural(report.inputs.count, "input")) + " scanned")
        var text = parts.joined(separator: "; ")
        if let skipped = report.skipped.groupedSummary { text += "\n" + skipped }
        return text
    }

    private func diagnosticsBlock(_ report: ScanReport, style: ANSIStyle) -> String? {
        let diagnostics = report.orderedDiagnostics
        guard !diagnostics.isEmpty else { return nil }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let heading =
            switch (errors, warnings) {
            case (_, 0): "Input errors (\(errors))"
            case (0, _): "Input warnings (\(warnings))"
            default: "Input errors (\(errors)) and warnings (\(warnings))"
            }
        var lines = [style.bold(heading)]
        for diagnostic in diagnostics {
            let place =
                diagnostic.location.map { "\($0.file):\($0.line):\($0.column): " }
                ?? diagnostic.file.map { "\($0): " } ?? ""
            let label = style.diagnostic(diagnostic.severity.rawValue + ":", diagnostic.severity)
            let message = TerminalText.lines(diagnostic.message).joined(separator: " ")
            lines.append("  " + TerminalText.safe(place) + label + " " + message)
        }
        return lines.joined(separator: "\n")
    }

    private func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
