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
             .gcloud(let path, _), .nodeFile(let path, _, _): path
        case .kubernetes(let files): files.count == 1 ? files[0] : "\(files.count) Kubernetes manifests"
        }
    }
}

/// Finds every input under the paths a user gives, and says clearly what it cannot use.
public enum InputDiscovery {
    public static func discover(_ paths: [String], loader: ModuleLoader) -> (inputs: [ScanInput], diagnostics: [Diagnostic]) {
        var inputs: [ScanInput] = []
        var manifests: [String] = []
        var diagnostics: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(.error("No such file or directory", file: path))
                continue
            }
            if isDirectory.boolValue {
                guard manager.isReadableFile(atPath: path), (try? manager.contentsOfDirectory(atPath: path)) != nil else {
                    diagnostics.append(.error("Cannot read directory", file: path))
                    continue
                }
                let roots = TerraformEvaluator.rootModules(under: path, loader: loader)
                let (plans, others, found) = filesUnder(path)
                if roots.isEmpty && plans.isEmpty && others.isEmpty && found.isEmpty {
                    diagnostics.append(.error("No input found in this directory: Terraform (.tf, .tf.json), plan JSON, gcloud JSON, "
                                              + "Kubernetes manifests, kubelet configuration, flags or /metrics, or user data", file: path))
                }
                inputs += roots.map { .terraform(directory: $0) } + plans.map { .plan(file: $0) } + others
                manifests += found
            } else {
                switch classify(file: path) {
                case .success(.kubernetes(let files)): manifests += files
                case .success(let input): inputs.append(input)
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            }
        }
        if !manifests.isEmpty { inputs.append(.kubernetes(files: manifests)) }
        return (inputs, diagnostics)
    }

    private static func classify(file path: String) -> Result<ScanInput, Diagnostic> {
        if path.hasSuffix(".tf") || path.hasSuffix(".tf.json") {
            return .success(.terraformFile(path))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.error("Cannot read file", file: path))
        }
        if data.contains(0) {
            return .failure(.error("Not a text file: perimeter reads Terraform (.tf), plan JSON and snapshots", file: path))
        }
        if PlanReader.looksLikePlan(data) { return .success(.plan(file: path)) }
        if SnapshotFile.looksLikeSnapshot(data) { return .success(.snapshot(file: path)) }
        let name = (path as NSString).lastPathComponent
        if let input = NodeInputDetection.classify(path: path, name: name, data: data) { return .success(input) }
        if ManifestLoader.looksLikeManifest(data) { return .success(.kubernetes(files: [path])) }
        return .failure(.error("Not an input perimeter knows: expected Terraform (.tf), `terraform show -json` output, a perimeter "
                               + "snapshot, gcloud JSON, Kubernetes manifests, a kubelet configuration, flags or /metrics text, or user data",
                               file: path))
    }

    /// What a directory tree holds besides Terraform: plan JSON (`.json` files whose first bytes look like
    /// `terraform show -json`), GKE and node inputs, and Kubernetes manifests (Helm templates left out).
    /// Files that are none of these are skipped silently.
    private static func filesUnder(_ path: String) -> (plans: [String], others: [ScanInput], manifests: [String]) {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return ([], [], []) }
        var plans: [String] = []
        var others: [ScanInput] = []
        var manifests: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") || name == "node_modules" {
                enumerator.skipDescendants()
                continue
            }
            guard !name.hasSuffix(".tf"), !name.hasSuffix(".tf.json"), !name.hasSuffix(".tfvars.json"), !name.hasSuffix(".tfvars"),
                  !name.hasSuffix(".tfstate"), !name.hasSuffix(".expect") else { continue }
            let full = (path as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if name.hasSuffix(".json") {
                guard let handle = FileHandle(forReadingAtPath: full) else { continue }
                let head = handle.readData(ofLength: 4096)
                try? handle.close()
                if PlanReader.looksLikePlan(head) {
                    plans.append(full)
                    continue
                }
            }
            guard NodeInputDetection.isCandidate(name: name),
                  let attributes = try? FileManager.default.attributesOfItem(atPath: full),
                  (attributes[.size] as? Int ?? 0) <= NodeInputDetection.maximumSize,
                  let data = FileManager.default.contents(atPath: full), !data.contains(0),
                  !SnapshotFile.looksLikeSnapshot(data) else { continue }
            if let input = NodeInputDetection.classify(path: full, name: relative, data: data) {
                others.append(input)
            } else if ManifestLoader.looksLikeManifest(data), !ManifestLoader.looksLikeTemplate(data) {
                manifests.append(full)
            }
        }
        return (plans.sorted(), others.sorted { $0.path < $1.path }, manifests.sorted())
    }
}
