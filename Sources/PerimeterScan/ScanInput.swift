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
    /// Kubernetes manifests and `kubectl get -o json` dumps, read together: bindings in one file refer
    /// to roles in another.
    case kubernetes(files: [String])

    public var path: String {
        switch self {
        case .terraform(let path), .terraformFile(let path), .plan(let path), .snapshot(let path): path
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
                let plans = planFiles(under: path)
                let found = manifestFiles(under: path)
                if roots.isEmpty && plans.isEmpty && found.isEmpty {
                    diagnostics.append(.error("No Terraform configuration (.tf, .tf.json), plan JSON or Kubernetes manifest found in this directory", file: path))
                }
                inputs += roots.map { .terraform(directory: $0) } + plans.map { .plan(file: $0) }
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
        if ManifestLoader.looksLikeManifest(data) { return .success(.kubernetes(files: [path])) }
        return .failure(.error("Not an input perimeter knows: expected Terraform (.tf), `terraform show -json` output, a perimeter snapshot or Kubernetes manifests",
                               file: path))
    }

    /// YAML and JSON files inside a directory tree whose documents have top-level `apiVersion` and `kind`.
    private static func manifestFiles(under path: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") || name == "node_modules" || name == ".terraform" {
                enumerator.skipDescendants()
                continue
            }
            guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") || (name.hasSuffix(".json") && !name.hasSuffix(".tf.json")) else { continue }
            let full = (path as NSString).appendingPathComponent(relative)
            guard let handle = FileHandle(forReadingAtPath: full) else { continue }
            let head = handle.readData(ofLength: 1 << 16)
            try? handle.close()
            if !PlanReader.looksLikePlan(head), !SnapshotFile.looksLikeSnapshot(head), ManifestLoader.looksLikeManifest(head),
               !ManifestLoader.looksLikeTemplate(head) {
                found.append(full)
            }
        }
        return found.sorted()
    }

    /// Plan JSON files inside a directory tree: `.json` files whose first bytes look like `terraform show -json`.
    private static func planFiles(under path: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") || name == "node_modules" {
                enumerator.skipDescendants()
                continue
            }
            guard name.hasSuffix(".json"), !name.hasSuffix(".tf.json"), !name.hasSuffix(".tfvars.json") else { continue }
            let full = (path as NSString).appendingPathComponent(relative)
            guard let handle = FileHandle(forReadingAtPath: full) else { continue }
            let head = handle.readData(ofLength: 4096)
            try? handle.close()
            if PlanReader.looksLikePlan(head) { found.append(full) }
        }
        return found.sorted()
    }
}
