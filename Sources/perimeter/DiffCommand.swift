import ArgumentParser
import Foundation
import PerimeterChecks
import PerimeterModel
import PerimeterReport
import PerimeterScan

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare the findings of two inputs: what a change fixed and what it introduced.",
        discussion: """
            Each side is scanned like 'perimeter scan' does (snapshots, Terraform, plan JSON).
            Exit status: 0 nothing introduced at or above --fail-on; 1 findings introduced; 2 an input error.

            Example:
              perimeter collect aws --cluster prod -o before.json
              (apply the change)
              perimeter collect aws --cluster prod -o after.json
              perimeter diff before.json after.json
            """
    )

    @Argument(help: "The state before the change.")
    var before: String

    @Argument(help: "The state after the change.")
    var after: String

    @Option(help: "Output format: table or json.")
    var format: DiffFormat = .table

    @Option(help: "Exit 1 when an introduced finding is at or above this severity: critical, high, medium, low, info or never.")
    var failOn: FailThreshold = .low

    func run() throws {
        let beforeResult = Scanner.scan(ScanOptions(paths: [before]))
        let afterResult = Scanner.scan(ScanOptions(paths: [after]))
        let diff = FindingDiff(before: beforeResult.findings, after: afterResult.findings)
        let errors = (beforeResult.diagnostics + afterResult.diagnostics).filter { $0.severity == .error }
        for error in errors { FileHandle.standardError.write(Data("\(error)\n".utf8)) }

        switch format {
        case .table: print(text(diff))
        case .json: print(try json(diff))
        }
        if !errors.isEmpty { throw ExitCode(2) }
        if let threshold = failOn.severity, diff.introduced.contains(where: { $0.severity >= threshold }) {
            throw ExitCode(1)
        }
    }

    private func text(_ diff: FindingDiff) -> String {
        var lines: [String] = []
        func section(_ title: String, _ mark: String, _ findings: [Finding]) {
            lines.append("\(title) (\(findings.count))")
            for finding in findings {
                lines.append("  \(mark) \(finding.ruleId)  \(finding.severity.rawValue.uppercased())  \(finding.resource)")
                lines.append("      \(finding.message)")
            }
            lines.append("")
        }
        section("FIXED", "-", diff.fixed)
        section("INTRODUCED", "+", diff.introduced)
        section("UNCHANGED", "=", diff.unchanged)
        lines.append("\(diff.fixed.count) fixed, \(diff.introduced.count) introduced, \(diff.unchanged.count) unchanged")
        return lines.joined(separator: "\n")
    }

    private func json(_ diff: FindingDiff) throws -> String {
        struct Output: Encodable {
            var before: String
            var after: String
            var fixed: [Finding]
            var introduced: [Finding]
            var unchanged: [Finding]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(
            Output(before: before, after: after, fixed: diff.fixed, introduced: diff.introduced, unchanged: diff.unchanged))
        return String(decoding: data, as: UTF8.self)
    }
}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
