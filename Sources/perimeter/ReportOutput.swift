import ArgumentParser
import Foundation
import PerimeterReport

/// `--format`, `--output` and `--fail-on`, shared by the commands that report findings.
struct ReportOptions: ParsableArguments {
    @Option(help: "Output format: table, json or sarif.")
    var format: OutputFormat = .table

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Exit 1 when a finding is at or above this severity: critical, high, medium, low, info or never.")
    var failOn: FailThreshold = .low
}

/// Writes a report to `--output` or standard output; color only on a terminal, never into a file.
enum ReportOutput {
    static func write(_ report: ScanReport, format: OutputFormat, output: String?) throws {
        let color =
            output == nil
            && Terminal.wantsColor(
                stdoutIsTTY: Terminal.stdoutIsTTY,
                environment: ProcessInfo.processInfo.environment)
        let text = makeReporter(format, color: color).render(report) + "\n"
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            FileHandle.standardError.write(Data("error: cannot write '\(output)': \(error.localizedDescription)\n".utf8))
            throw ExitCode(2)
        }
    }
}
