import PerimeterModel

/// `--format json`: the machine-readable contract of DESIGN.md, version 1.
/// Findings and errors come in the same order as the table's; keys are sorted.
public struct JSONReporter: Reporter {
    /// Bumped only when a field changes meaning or disappears; new fields keep the version.
    public static let formatVersion = 1

    public init() {}

    public func render(_ report: ScanReport) -> String {
        let document: JSONValue = .object([
            "version": .int(Self.formatVersion),
            "tool": .object(["name": .string("perimeter"), "version": .string(report.toolVersion)]),
            "findings": .array(report.orderedFindings.map(Self.finding)),
            "errors": .array(report.orderedDiagnostics.map(Self.error)),
            "summary": Self.summary(report),
        ])
        return document.pretty
    }

    private static func finding(_ finding: Finding) -> JSONValue {
        .object([
            ("ruleId", .string(finding.ruleId)),
            ("severity", .string(finding.severity.rawValue)),
            ("title", .string(finding.title)),
            ("resource", .string(finding.resource)),
            ("location", finding.location.map(location)),
            ("message", .string(finding.message)),
            ("evidence", .array(finding.evidence.map(JSONValue.string))),
            ("input", finding.input.map(JSONValue.string)),
        ])
    }

    private static func location(_ location: SourceLocation) -> JSONValue {
        .object(["file": .string(location.file), "line": .int(location.line), "column": .int(location.column)])
    }

    private static func error(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("message", .string(diagnostic.message)),
            ("file", (diagnostic.file ?? diagnostic.location?.file).map(JSONValue.string)),
            ("line", diagnostic.location.map { .int($0.line) }),
            ("column", diagnostic.location.map { .int($0.column) }),
            ("severity", .string(diagnostic.severity.rawValue)),
        ])
    }

    private static func summary(_ report: ScanReport) -> JSONValue {
        var counts: [String: JSONValue] = [
            "total": .int(report.findings.count),
            "suppressed": .int(report.suppressed),
            "inputs": .int(report.inputs.count),
        ]
        for severity in Severity.allCases {
            counts[severity.rawValue] = .int(report.count(of: severity))
        }
        return .object(counts)
    }
}
