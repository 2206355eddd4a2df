import PerimeterModel

/// `--format sarif`: SARIF 2.1.0 for code-scanning services. One run; every check that ran is a
/// rule with its help; every finding is a result pointing at its rule and its file and line;
/// input errors are tool execution notifications.
public struct SARIFReporter: Reporter {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The key of the fingerprint in `partialFingerprints`; the `/v1` changes if the hash input does.
    public static let fingerprintKey = "perimeterFinding/v1"

    /// Where people learn about the tool; omitted until the project has a public home.
    public var informationURI: String?

    public init(informationURI: String? = nil) {
        self.informationURI = informationURI
    }

    public func render(_ report: ScanReport) -> String {
        let rules = SARIFRules.rules(for: report)
        var ruleIndex: [String: Int] = [:]
        for (index, entry) in rules.enumerated() { ruleIndex[entry.id] = index }

        let driver: JSONValue = .object([
            ("name", .string("perimeter")),
            ("version", .string(report.toolVersion)),
            ("informationUri", informationURI.map { .string($0) }),
            ("rules", .array(rules.map(\.rule)))
        ])
        let rootURI = SARIFArtifactURI.rootURI(report.sourceRoot)
        let run: JSONValue = .object([
            ("tool", .object(["driver": driver])),
            (
                "originalUriBaseIds",
                rootURI.map {
                    .object([SARIFArtifactURI.sourceRootBase: .object(["uri": .string($0)])])
                }
            ),
            ("results", .array(report.orderedFindings.map { result($0, ruleIndex: ruleIndex[$0.ruleId], report) })),
            ("invocations", .array([invocation(report)]))
        ])
        let document: JSONValue = .object([
            "$schema": .string(Self.schemaURI),
            "version": .string("2.1.0"),
            "runs": .array([run])
        ])
        return document.pretty
    }

    private func result(_ finding: Finding, ruleIndex: Int?, _ report: ScanReport) -> JSONValue {
        let location: JSONValue
        if let source = finding.location {
            location = .object([
                "physicalLocation": physicalLocation(
                    file: source.file, line: source.line,
                    column: source.column, report)
            ])
        } else {
            // Live objects have no file; name the resource so the result still says what to change.
            location = .object([
                "logicalLocations": .array([
                    .object(["name": .string(finding.resource), "fullyQualifiedName": .string(finding.resource)])
                ])
            ])
        }
        return .object([
            ("ruleId", .string(finding.ruleId)),
            ("ruleIndex", ruleIndex.map(JSONValue.int)),
            ("level", .string(SARIFRules.level(finding.severity))),
            ("message", .object(["text": .string(finding.message)])),
            ("locations", .array([location])),
            ("relatedLocations", relatedLocations(finding.callChain, report)),
            (
                "partialFingerprints",
                .object([
                    Self.fingerprintKey: .string(Fingerprint.fnv1a([finding.ruleId, finding.resource, finding.message]))
                ])
            ),
            (
                "properties",
                .object([
                    "severity": .string(finding.severity.rawValue),
                    "resource": .string(finding.resource),
                    "evidence": .array(finding.evidence.map(JSONValue.string))
                ])
            )
        ])
    }

    /// The module calls a finding came through, outermost first: where the caller passed the value.
    private func relatedLocations(_ chain: [ModuleCallSite]?, _ report: ScanReport) -> JSONValue? {
        guard let chain, !chain.isEmpty else { return nil }
        return .array(
            chain.enumerated().map { index, site in
                .object([
                    ("id", .int(index)),
                    (
                        "physicalLocation",
                        physicalLocation(
                            file: site.location.file, line: site.location.line,
                            column: site.location.column, report)
                    ),
                    ("message", .object(["text": .string("called through \(site.description)")]))
                ])
            })
    }

    /// Undecided checks and module calls not read, as notes: not results, but a scan's known blind spots.
    private func undecidedNotifications(_ report: ScanReport) -> [JSONValue] {
        report.orderedUndecided.map { entry in
            let locations: JSONValue? = entry.location.map { place in
                .array([
                    .object([
                        "physicalLocation": physicalLocation(
                            file: place.file, line: place.line,
                            column: place.column, report)
                    ])
                ])
            }
            let text = entry.description + (entry.fix.map { " (\($0))" } ?? "")
            return .object([
                ("level", .string("note")),
                ("message", .object(["text": .string(text)])),
                ("locations", locations),
                ("descriptor", .object(["id": .string(entry.kind == .check ? "undecided" : "module-not-read")])),
                ("associatedRule", entry.ruleId.map { .object(["id": .string($0)]) }),
                (
                    "properties",
                    .object([
                        ("kind", .string(entry.kind.rawValue)),
                        ("resource", .string(entry.resource)),
                        ("reason", .string(entry.reason))
                    ])
                )
            ])
        }
    }

    private func invocation(_ report: ScanReport) -> JSONValue {
        let notifications = report.orderedDiagnostics.map { diagnostic -> JSONValue in
            let file = diagnostic.file ?? diagnostic.location?.file
            let locations: JSONValue? = file.map { file in
                .array([
                    .object([
                        "physicalLocation": physicalLocation(
                            file: file, line: diagnostic.location?.line, column: diagnostic.location?.column, report)
                    ])
                ])
            }
            return .object([
                ("level", .string(diagnostic.severity == .error ? "error" : "warning")),
                ("message", .object(["text": .string(diagnostic.message)])),
                ("locations", locations)
            ])
        }
        let failed = report.diagnostics.contains { $0.severity == .error }
        return .object([
            "executionSuccessful": .bool(!failed),
            "toolExecutionNotifications": .array(notifications + undecidedNotifications(report))
        ])
    }

    /// SARIF lines and columns are 1-based; a position below 1 is left out rather than made invalid.
    private func physicalLocation(file: String, line: Int?, column: Int?, _ report: ScanReport) -> JSONValue {
        let artifact = SARIFArtifactURI(path: file, sourceRoot: report.sourceRoot)
        var region: JSONValue?
        if let line, line >= 1 {
            region = .object([("startLine", .int(line)), ("startColumn", column.flatMap { $0 >= 1 ? .int($0) : nil })])
        }
        return .object([("artifactLocation", artifact.json), ("region", region)])
    }
}
