import PerimeterModel

/// `--format json`: the machine-readable contract of DESIGN.md, version 1.
/// Findings and errors come in the same order as the table's; keys are sorted.
public struct JSONReporter: Reporter {
    /// Bumped only when a field changes meaning or disappears; new fields keep the version.
    public static let formatVersion = 1

    public init() {}

    public func render(_ report: ScanReport) -> String {
        var fields: [String: JSONValue] = [
            "version": .int(Self.formatVersion),
            "tool": .object(["name": .string("perimeter"), "version": .string(report.toolVersion)]),
            "findings": .array(report.orderedFindings.map(Self.finding)),
            "errors": .array(report.orderedDiagnostics.map(Self.error)),
            "summary": Self.summary(report)
        ]
        // Present in every scan (each input has coverage): an empty list says every check could decide.
        if report.tracksUndecided {
            fields["undecided"] = .array(report.orderedUndecided.map(Self.undecided))
            fields["coverage"] = .array(report.coverage.map(Self.coverage))
        }
        // Only when there are some, so reports of scans that skipped nothing keep their shape.
        if !report.skipped.isEmpty { fields["skipped"] = .array(report.skipped.map(Self.skipped)) }
        let document: JSONValue = .object(fields)
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
            ("callChain", finding.callChain.map(callChain))
        ])
    }

    /// The module calls, outermost first, then the finding's own place: `[{module, address, file, line}, ...]`.
    private static func callChain(_ chain: [ModuleCallSite]) -> JSONValue {
        .array(
            chain.map { site in
                .object([
                    ("module", .string(site.name)),
                    ("address", .string(site.address)),
                    ("file", .string(site.location.file)),
                    ("line", .int(site.location.line))
                ])
            })
    }

    private static func undecided(_ entry: Undecided) -> JSONValue {
        .object([
            ("kind", .string(entry.kind.rawValue)),
            ("ruleId", entry.ruleId.map(JSONValue.string)),
            ("resource", .string(entry.resource)),
            ("location", entry.location.map(location)),
            ("reason", .string(entry.reason)),
            ("fix", entry.fix.map(JSONValue.string)),
            ("input", entry.input.map(JSONValue.string)),
            ("callChain", entry.callChain.map(callChain)),
            ("message", .string(entry.description))
        ])
    }

    private static func coverage(_ coverage: InputCoverage) -> JSONValue {
        .object([
            ("input", .string(coverage.input)),
            ("kind", .string(coverage.kind)),
            ("resources", .int(coverage.resources)),
            ("instances", .int(coverage.instances)),
            ("moduleCallsRead", .int(coverage.moduleCallsRead)),
            ("moduleCallsNotRead", .int(coverage.moduleCallsNotRead)),
            ("unknownValuesThatMattered", .int(coverage.unknownValuesThatMattered)),
            ("undecidedChecks", .int(coverage.undecidedChecks))
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
            ("severity", .string(diagnostic.severity.rawValue))
        ])
    }

    private static func skipped(_ skipped: SkippedInput) -> JSONValue {
        .object([
            ("path", .string(skipped.path)),
            ("reason", .string(skipped.reason.rawValue)),
            ("detail", skipped.detail.map(JSONValue.string))
        ])
    }

    private static func summary(_ report: ScanReport) -> JSONValue {
        var counts: [String: JSONValue] = [
            "total": .int(report.findings.count),
            "suppressed": .int(report.suppressed),
            "inputs": .int(report.inputs.count)
        ]
        if report.tracksUndecided {
            counts["undecided"] = .int(report.undecidedChecks.count)
            counts["modulesNotRead"] = .int(report.modulesNotRead.count)
        }
        for severity in Severity.allCases {
            counts[severity.rawValue] = .int(report.count(of: severity))
        }
        return .object(counts)
    }
}
