import Foundation
import PerimeterChecks
import PerimeterGKE
import PerimeterKubernetes
import PerimeterModel
import PerimeterRBAC
import PerimeterTerraform

public struct ScanOptions: Sendable {
    public var paths: [String]
    public var variables: VariableInputs
    public var checks: [any Check]
    /// Snapshots built elsewhere (collected live), scanned after the inputs found under `paths`.
    public var snapshots: [Snapshot]
    /// Fetches remote module sources `terraform init` did not install (`--download-modules`); nil stays offline.
    public var moduleSources: (any ModuleSourceResolver)?
    /// The bootstrap RBAC policy of `--kubernetes-version`; nil: a live cluster's own version, else the newest shipped.
    public var kubernetesPolicy: BootstrapPolicy?
    /// `--namespace`: the namespace of manifests' namespaced objects that name none (as `kubectl apply -n`).
    public var namespace: String?

    public init(
        paths: [String], variables: VariableInputs = VariableInputs(), checks: [any Check] = CheckRegistry.all,
        snapshots: [Snapshot] = [], moduleSources: (any ModuleSourceResolver)? = nil
    ) {
        self.paths = paths
        self.variables = variables
        self.checks = checks
        self.snapshots = snapshots
        self.moduleSources = moduleSources
    }
}

public struct ScanResult: Sendable {
    public var findings: [Finding]
    public var suppressed: [Finding]
    /// Input problems: errors make `scan` exit 2, but the findings of the good inputs are all here.
    public var diagnostics: [Diagnostic]
    public var inputs: [ScanInput]
    public var snapshots: [Snapshot]
    /// Files found under the scanned directories but not read, each with its reason.
    public var skipped: [SkippedInput] = []
    /// What the checks could not decide, and module calls not read: the third verdict beside the findings.
    public var undecided: [Undecided] = []
    /// Per input: how much was read and how much stayed undecided.
    public var coverage: [InputCoverage] = []

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The main job: find the inputs, build a snapshot from each, run the checks, apply suppressions.
public enum Scanner {
    public static func scan(_ options: ScanOptions, progress: (String) -> Void = { _ in }) -> ScanResult {
        let loader = ModuleLoader(remoteSources: options.moduleSources)
        let discovery = InputDiscovery.find(options.paths, loader: loader)
        var diagnostics = discovery.diagnostics
        var snapshots: [Snapshot] = []
        let records = InputRecords()
        for (number, input) in discovery.inputs.enumerated() {
            progress("[\(number + 1)/\(discovery.inputs.count)] \(input.path)")
            let built = SnapshotBuilder.build(
                input, variables: options.variables, loader: loader, records: records, namespace: options.namespace)
            diagnostics += built.diagnostics
            snapshots.append(built.snapshot)
        }
        // Kubelet config files read as layers of a command line are judged through it, not alone.
        snapshots = NodeFileLoader.withoutConsumedLayers(snapshots)
        for snapshot in options.snapshots {
            if let source = snapshot.sources.first { records.record(kind: "snapshot", input: source) }
            diagnostics += SnapshotFile.gapDiagnostics(of: snapshot, file: nil)
            snapshots.append(snapshot)
        }
        diagnostics = loader.diagnostics + diagnostics

        let suppressions = Suppressions()
        var findings: [Finding] = []
        var suppressed: [Finding] = []
        var undecided = UndecidedCollector(suppressions: suppressions, records: records)
        let joining = options.checks.filter { CheckRegistry.joiningInputs.contains($0.description.id) }
        let passes = snapshots.map { ($0, options.checks) } + InputJoin.joined(snapshots).map { ($0, joining) }
        for (snapshot, checks) in passes where !checks.isEmpty {
            let context = CheckContext(snapshot: snapshot, policy: options.kubernetesPolicy, checks: checks.map(\.description.id))
            for check in checks {
                undecided.add(check.undecidedEntries(context), input: snapshot.sources.first)
                for var finding in check.run(context) {
                    finding.input = Self.input(of: finding, in: snapshot)
                    finding.callChain = records.callChain(of: finding.resource, input: finding.input)
                    if suppressions.isSuppressed(finding) {
                        suppressed.append(finding)
                    } else {
                        findings.append(finding)
                    }
                }
            }
        }
        let gaps = records.modulesNotRead + undecided.entries
        return ScanResult(
            findings: findings.sorted(by: Self.order), suppressed: suppressed,
            diagnostics: Self.unique(diagnostics), inputs: discovery.inputs, snapshots: snapshots,
            skipped: discovery.skipped, undecided: gaps, coverage: records.coverage(undecided: gaps))
    }

    /// The input a finding belongs to: its own file when the snapshot was read from several (a directory of
    /// manifests), else the snapshot's first source (a root module directory, a plan).
    static func input(of finding: Finding, in snapshot: Snapshot) -> String? {
        if snapshot.sources.count > 1, let file = finding.location?.file, snapshot.sources.contains(file) { return file }
        return snapshot.sources.first
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
    public static func load(_ paths: [String], variables: VariableInputs = VariableInputs(), namespace: String? = nil) -> (
        snapshot: Snapshot, diagnostics: [Diagnostic]
    ) {
        let loader = ModuleLoader()
        let discovery = InputDiscovery.discover(paths, loader: loader)
        var snapshot = Snapshot()
        var diagnostics = discovery.diagnostics
        for input in discovery.inputs {
            let built = SnapshotBuilder.build(input, variables: variables, loader: loader, namespace: namespace)
            snapshot.merge(built.snapshot)
            diagnostics += built.diagnostics
        }
        return (snapshot, loader.diagnostics + diagnostics)
    }
}

/// Turns one input into a snapshot.
enum SnapshotBuilder {
    static func build(
        _ input: ScanInput, variables: VariableInputs, loader: ModuleLoader,
        records: InputRecords? = nil, namespace: String? = nil
    ) -> (snapshot: Snapshot, diagnostics: [Diagnostic]) {
        records?.record(kind: input.coverageKind, input: input.path)
        switch input {
        case .terraform(let directory):
            let evaluation = TerraformEvaluator.evaluate(directory: directory, inputs: variables, loader: loader)
            records?.record(evaluation, input: directory)
            var mapped = SnapshotMapper.map(evaluation.resources, origin: .terraform)
            mapped.snapshot.sources = [directory]
            return (mapped.snapshot, evaluation.diagnostics + mapped.diagnostics)
        case .terraformFile(let file):
            let evaluation = TerraformEvaluator.evaluate(file: file, inputs: variables, loader: loader)
            records?.record(evaluation, input: file)
            var mapped = SnapshotMapper.map(evaluation.resources, origin: .terraform)
            mapped.snapshot.sources = [file]
            return (mapped.snapshot, evaluation.diagnostics + mapped.diagnostics)
        case .plan(let file):
            guard let data = FileManager.default.contents(atPath: file) else {
                return (Snapshot(), [.error("Cannot read file", file: file)])
            }
            let plan = PlanReader.read(data: data, path: file)
            records?.record(plan: plan.resources, input: file)
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
            let kustomized = KustomizationNamespaces.namespaces(for: files)
            for file in files {
                let loaded = ManifestLoader.load(
                    file: file, namespace: ManifestNamespace(kustomization: kustomized[file], given: namespace))
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
