import Foundation
import PerimeterKubernetes
import PerimeterModel
import PerimeterTerraform

/// One input `scan` found, by kind.
public enum ScanInput: Hashable, Sendable {
    /// A root module directory; the modules it calls are read through it.
    case terraform(directory: String)
    /// One `.tf` file given by name, read as a root module on its own.
    case terraformFile(String)
    /// `terraform show -json` output.
    case plan(file: String)
    /// A snapshot written by `perimeter collect` (or `scan --write-snapshot`).
    case snapshot(file: String)
    /// `gcloud container clusters|node-pools describe|list` or `gcloud compute firewall-rules list` output.
    case gcloud(file: String, name: String)
    /// A node's own files: KubeletConfiguration or NodeConfig documents, kubelet flags, user data,
    /// kubelet `/metrics` text. `name` is the path findings print.
    case nodeFile(file: String, name: String, kind: NodeFileKind)
    /// Kubernetes manifests and `kubectl get -o json` dumps, read together: bindings in one file refer
    /// to roles in another, and workloads are read for their uses of the kubelet read-only port too.
    case kubernetes(files: [String])

    public var path: String {
        switch self {
        case .terraform(let path), .terraformFile(let path), .plan(let path), .snapshot(let path),
            .gcloud(let path, _), .nodeFile(let path, _, _):
            path
        case .kubernetes(let files): files.count == 1 ? files[0] : "\(files.count) Kubernetes manifests"
        }
    }
}

/// What discovery found: the inputs, the problems, and the files it saw but did not read (each with its reason).
public struct Discovery: Sendable {
    public var inputs: [ScanInput] = []
    public var diagnostics: [Diagnostic] = []
    public var skipped: [SkippedInput] = []
}

/// Finds every input under the paths a user gives, and says clearly what it cannot use. Only regular
/// files are opened; everything else a directory holds is listed in `skipped`, never silently dropped.
public enum InputDiscovery {
    public static func discover(_ paths: [String], loader: ModuleLoader) -> (inputs: [ScanInput], diagnostics: [Diagnostic]) {
        let found = find(paths, loader: loader)
        return (found.inputs, found.diagnostics)
    }

    public static func find(_ paths: [String], loader: ModuleLoader) -> Discovery {
        var discovery = Discovery()
        var manifests: [String] = []
        for path in paths {
            switch FileTree.kind(of: path) {
            case .missing:
                discovery.diagnostics.append(.error("No such file or directory", file: path))
            case .special(let reason):
                discovery.diagnostics.append(.error("Not a regular file (\(reason.singular)): perimeter never opens one", file: path))
            case .directory:
                guard FileManager.default.isReadableFile(atPath: path), (try? FileManager.default.contentsOfDirectory(atPath: path)) != nil
                else {
                    discovery.diagnostics.append(.error("Cannot read directory", file: path))
                    continue
                }
                let roots = TerraformEvaluator.rootModules(under: path, loader: loader)
                let tree = DirectoryInputs.find(under: path)
                if roots.isEmpty && tree.inputs.isEmpty && tree.manifests.isEmpty {
                    discovery.diagnostics.append(
                        .error(
                            "No input found in this directory: Terraform (.tf, .tf.json), plan JSON, snapshots, gcloud JSON, "
                                + "Kubernetes manifests, kubelet configuration, flags or /metrics, or user data", file: path))
                }
                discovery.inputs += roots.map { .terraform(directory: $0) } + tree.inputs
                discovery.diagnostics += tree.diagnostics
                discovery.skipped += tree.skipped
                manifests += tree.manifests
            case .regular:
                switch classify(file: path) {
                case .success(.kubernetes(let files)): manifests += files
                case .success(let input): discovery.inputs.append(input)
                case .failure(let diagnostic): discovery.diagnostics.append(diagnostic)
                }
            }
        }
        if !manifests.isEmpty { discovery.inputs.append(.kubernetes(files: manifests)) }
        return discovery
    }

    /// A file the user named: anything perimeter cannot read as an input is an error.
    private static func classify(file path: String) -> Result<ScanInput, Diagnostic> {
        if path.hasSuffix(".tf") || path.hasSuffix(".tf.json") {
            return .success(.terraformFile(path))
        }
        let data: Data
        switch FileTree.read(path) {
        case .success(let bytes): data = bytes
        case .failure(let failure): return .failure(.error(DirectoryInputs.describe(failure), file: path))
        }
        if data.containsNUL && !NodeInputDetection.isCommandLineDump(data) {
            return .failure(.error("Not a text file: perimeter reads Terraform (.tf), plan JSON and snapshots", file: path))
        }
        if PlanReader.looksLikePlan(data) { return .success(.plan(file: path)) }
        if SnapshotFile.looksLikeSnapshot(data) { return .success(.snapshot(file: path)) }
        if let location = UTF8Position.firstInvalid(in: data, file: path) {
            return .failure(.error("Not UTF-8 text: an invalid byte here", at: location))
        }
        let name = (path as NSString).lastPathComponent
        if let input = NodeInputDetection.classify(path: path, name: name, data: data) { return .success(input) }
        if let reason = DirectoryInputs.templateReason(name: name, data: data) {
            return .failure(.error("Not an input but a \(reason.singular)", file: path))
        }
        if ManifestLoader.looksLikeManifest(data) { return .success(.kubernetes(files: [path])) }
        return .failure(
            .error(
                "Not an input perimeter knows: expected Terraform (.tf), `terraform show -json` output, a perimeter "
                    + "snapshot, gcloud JSON, Kubernetes manifests, a kubelet configuration, flags or /metrics text, or user data",
                file: path))
    }
}
