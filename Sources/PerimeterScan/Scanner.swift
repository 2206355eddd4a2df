import Foundation
import PerimeterChecks
import PerimeterGKE
import PerimeterKubernetes
import PerimeterModel
import PerimeterTerraform

public struct ScanOptions: Sendable {
    public var paths: [String]
    public var variables: VariableInputs
    public var checks: [any Check]
    /// Snapshots built elsewhere (collected live), scanned after the inputs found under `paths`.
    public var snapshots: [Snapshot]

    public init(paths: [String], variables: VariableInputs = VariableInputs(), checks: [any Check] = CheckRegistry.all,
                snapshots: [Snapshot] = []) {
        self.paths = paths
        self.variables = variables
        self.checks = checks
        self.snapshots = snapshots
    }
}

public struct ScanResult: Sendable {
    public var findings: [Finding]
    public var suppressed: [Finding]
    /// Input problems: errors make `scan` exit 2, but the findings of the good inputs are all here.
    public var diagnostics: [Diagnostic]
    public var inputs: [ScanInput]
    public var snapshots: [Snapshot]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The main job: find the inputs, build a snapshot from each, run the checks, apply suppressions.
public enum Scanner {
    public static func scan(_ options: ScanOptions, progress: (String) -> Void = { _ in }) -> ScanResult {
        let loader = ModuleLoader()
        let discovery = InputDiscovery.discover(options.paths, loader: loader)
        var diagnostics = discovery.diagnostics
        var snapshots: [Snapshot] = []
        for (number, input) in discovery.inputs.enumerated() {
            progress("[\(number + 1)/\(discovery.inputs.count)] \(input.path)")
            let built = SnapshotBuilder.build(input, variables: options.variables, loader: loader)
            diagnostics += built.diagnostics
            snapshots.append(built.snapshot)
        }
        for snapshot in options.snapshots {
            diagnostics += SnapshotFile.gapDiagnostics(of: snapshot, file: nil)
            snapshots.append(snapshot)
        }
        diagnostics = loader.diagnostics + diagnostics

        let suppressions = Suppressions()
        var findings: [Finding] = []
        var suppressed: [Finding] = []
        let joining = options.checks.filter { CheckRegistry.joiningInputs.contains($0.description.id) }
        let passes = snapshots.map { ($0, options.checks) } + InputJoin.joined(snapshots).map { ($0, joining) }
        for (snapshot, checks) in passes where !checks.isEmpty {
            let context = CheckContext(snapshot: snapshot)
            for check in checks {
                for var finding in check.run(context) {
                    finding.input = snapshot.sources.first
                    if suppressions.isSuppressed(finding) {
                        suppressed.append(finding)
                    } else {
                        findings.append(finding)
                    }
                }
            }
        }
        return ScanResult(findings: findings.sorted(by: Self.order), suppressed: suppressed,
                          diagnostics: Self.unique(diagnostics), inputs: discovery.inputs, snapshots: snapshots)
    }

    static func order(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.ruleId != b.ruleId { return a.ruleId < b.ruleId }
        if a.resource != b.resource { return a.resource < b.resource }
        return (a.location?.line ?? 0) < (b.location?.line ?? 0)
    }

    private static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}

/// Loads every input under the paths into one snapshot, for questions that span inputs (RBAC, identities).
public enum SnapshotLoader {
    public static func load(_ paths: [String], variables: VariableInputs = VariableInputs()) -> (snapshot: Snapshot, diagnostics: [Diagnostic]) {
        let loader = ModuleLoader()
        let discovery = InputDiscovery.discover(paths, loader: loader)
        var snapshot = Snapshot()
        var diagnostics = discovery.diagnostics
        for input in discovery.inputs {
            let built = SnapshotBuilder.build(input, variables: variables, loader: loader)
            snapshot.merge(built.snapshot)
            diagnostics += built.diagnostics
        }
        return (snapshot, loader.diagnostics + diagnostics)
    }
}

/// Turns one input into a snapshot.
enum SnapshotBuilder {
    static func build(_ input: ScanInput, variables: VariableInputs, loader: ModuleLoader) -> (snapshot: Snapshot, diagnostics: [Diagnostic]) {
        switch input {
        case .terraform(let directory):
            let evaluation = TerraformEvaluator.evaluate(directory: directory, inputs: variables, loader: loader)
            var mapped = SnapshotMapper.map(evaluation.resources, origin: .terraform)
            mapped.snapshot.sources = [directory]
            return (mapped.snapshot, evaluation.diagnostics + mapped.diagnostics)
        case .terraformFile(let file):
            let evaluation = TerraformEvaluator.evaluate(file: file, inputs: variables, loader: loader)
            var mapped = SnapshotMapper.map(evaluation.resources, origin: .terraform)
            mapped.snapshot.sources = [file]
            return (mapped.snapshot, evaluation.diagnostics + mapped.diagnostics)
        case .plan(let file):
            guard let data = FileManager.default.contents(atPath: file) else {
                return (Snapshot(), [.error("Cannot read file", file: file)])
            }
            let plan = PlanReader.read(data: data, path: file)
            var mapped = SnapshotMapper.map(plan.resources, origin: .plan)
            mapped.snapshot.sources = [file]
            return (mapped.snapshot, plan.diagnostics + mapped.diagnostics)
        case .snapshot(let file):
            guard let data = FileManager.default.contents(atPath: file) else {
                return (Snapshot(), [.error("Cannot read file", file: file)])
            }
            switch SnapshotFile.decode(data, path: file) {
            case .success(let snapshot): return (snapshot, SnapshotFile.gapDiagnostics(of: snapshot, file: file))
            case .failure(let diagnostic): return (Snapshot(), [diagnostic])
            }
        case .gcloud(let file, _):
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                return (Snapshot(), [.error("Cannot read file", file: file)])
            }
            return GCloudReader.read(text, file: file)
        case .nodeFile(let file, let name, let kind):
            return NodeFileLoader.load(file: file, name: name, kind: kind)
        case .kubernetes(let files):
            var snapshot = Snapshot()
            var diagnostics: [Diagnostic] = []
            for file in files {
                let loaded = ManifestLoader.load(file: file)
                snapshot.merge(loaded.snapshot)
                diagnostics += loaded.diagnostics
                // Files with workloads are read again for calls to the kubelet read-only port (errors are reported once,
                // above); the rest are not parsed twice.
                if !loaded.snapshot.kubernetes.workloads.isEmpty {
                    snapshot.readOnlyPortUses += NodeFileLoader.load(file: file, name: file, kind: .documents).snapshot.readOnlyPortUses
                }
            }
            return (snapshot, diagnostics)
        }
    }
}
