import PerimeterChecks
import PerimeterModel

/// Everything a reporter prints about one scan: the findings, the problems met while reading the
/// inputs, the checks that ran and a few counts. Reporters never look anywhere else.
public struct ScanReport: Sendable {
    public var findings: [Finding]
    /// Input errors and warnings: a file that does not parse, a value of the wrong shape.
    public var diagnostics: [Diagnostic]
    /// The checks that ran; SARIF lists them as rules and the table takes each fix from them.
    public var checks: [CheckDescription]
    /// The paths that were scanned, as the user gave them.
    public var inputs: [String]
    public var toolVersion: String
    /// Findings silenced by `# perimeter:ignore`.
    public var suppressed: Int
    /// The directory relative file paths start from. SARIF uses it to make absolute paths
    /// relative to `%SRCROOT%` and to say where `%SRCROOT%` is; nil when unknown.
    public var sourceRoot: String?
    /// Files a directory scan saw but did not read (FIFOs, Helm templates, symlinks out of the tree), each with its reason.
    public var skipped: [SkippedInput] = []
    /// Checks left undecided (a value known only after apply) and module calls not read: the third verdict.
    public var undecided: [Undecided] = []
    /// Per input: resources and instances read, module calls read and not read, unknowns that mattered.
    public var coverage: [InputCoverage] = []

    public init(
        findings: [Finding] = [], diagnostics: [Diagnostic] = [], checks: [CheckDescription] = [],
        inputs: [String] = [], toolVersion: String, suppressed: Int = 0, sourceRoot: String? = nil
    ) {
        self.findings = findings
        self.diagnostics = diagnostics
        self.checks = checks
        self.inputs = inputs
        self.toolVersion = toolVersion
        self.suppressed = suppressed
        self.sourceRoot = sourceRoot
    }

    /// The same report, with what the scan could not decide and what each input gave.
    public func with(undecided: [Undecided], coverage: [InputCoverage]) -> ScanReport {
        var report = self
        report.undecided = undecided
        report.coverage = coverage
        return report
    }

    /// The same report, with the files the scan skipped.
    public func with(skipped: [SkippedInput]) -> ScanReport {
        var report = self
        report.skipped = skipped
        return report
    }
}

extension ScanReport {
    /// Findings in the one order every reporter uses: most severe first, then rule id, resource,
    /// file and line (a finding without a location before those with one), then message.
    public var orderedFindings: [Finding] {
        findings.sorted(by: Self.precedes)
    }

    /// Diagnostics by file, line and column; the stable sort keeps equal places in input order.
    public var orderedDiagnostics: [Diagnostic] {
        let indexed = diagnostics.enumerated().map { ($0.offset, $0.element) }
        return indexed.sorted { lhs, rhs in
            let l = Self.place(of: lhs.1)
            let r = Self.place(of: rhs.1)
            if l.file != r.file { return l.file < r.file }
            if l.line != r.line { return l.line < r.line }
            if l.column != r.column { return l.column < r.column }
            return lhs.0 < rhs.0
        }.map(\.1)
    }

    /// How many findings have each severity.
    public func count(of severity: Severity) -> Int {
        findings.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }

    /// The check that produced a rule id, when it is among the checks that ran.
    public func check(for ruleId: String) -> CheckDescription? {
        checks.first { $0.id == ruleId }
    }

    static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.ruleId != b.ruleId { return a.ruleId < b.ruleId }
        if a.resource != b.resource { return a.resource < b.resource }
        switch (a.location, b.location) {
        case (nil, .some): return true
        case (.some, nil): return false
        case (.some(let l), .some(let r)):
            if l.file != r.file { return l.file < r.file }
            if l.line != r.line { return l.line < r.line }
            if l.column != r.column { return l.column < r.column }
        case (nil, nil): break
        }
        if a.message != b.message { return a.message < b.message }
        if a.input != b.input { return (a.input ?? "") < (b.input ?? "") }
        return a.evidence.lexicographicallyPrecedes(b.evidence)
    }

    private static func place(of diagnostic: Diagnostic) -> (file: String, line: Int, column: Int) {
        (
            diagnostic.file ?? diagnostic.location?.file ?? "", diagnostic.location?.line ?? 0,
            diagnostic.location?.column ?? 0
        )
    }
}

extension ScanReport {
    /// Undecided entries in a stable order: by kind (checks first), rule id, resource, then reason.
    public var orderedUndecided: [Undecided] {
        undecided.sorted { a, b in
            if a.kind != b.kind { return a.kind == .check }
            if a.ruleId != b.ruleId { return (a.ruleId ?? "") < (b.ruleId ?? "") }
            if a.resource != b.resource { return a.resource < b.resource }
            if a.input != b.input { return (a.input ?? "") < (b.input ?? "") }
            return a.reason < b.reason
        }
    }

    public var undecidedChecks: [Undecided] { orderedUndecided.filter { $0.kind == .check } }

    /// True for reports a scan made (every input has coverage): only they can say "nothing undecided".
    public var tracksUndecided: Bool { !coverage.isEmpty || !undecided.isEmpty }
    public var modulesNotRead: [Undecided] { orderedUndecided.filter { $0.kind == .moduleNotRead } }

    /// `3 root modules, 1 plan`: the inputs by kind, from coverage; nil when the scan gave no coverage.
    public var inputsByKind: String? {
        guard !coverage.isEmpty else { return nil }
        let names: [(kind: String, one: String, many: String)] = [
            ("terraform", "root module", "root modules"), ("plan", "plan", "plans"), ("snapshot", "snapshot", "snapshots"),
            ("gcloud", "gcloud file", "gcloud files"), ("node-file", "node file", "node files"),
            ("kubernetes", "manifest set", "manifest sets")
        ]
        let parts = names.compactMap { name -> String? in
            let count = coverage.filter { $0.kind == name.kind }.count
            return count == 0 ? nil : "\(count) \(count == 1 ? name.one : name.many)"
        }
        return parts.joined(separator: ", ")
    }
}
