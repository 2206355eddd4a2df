import Foundation
import PerimeterKubernetes
import PerimeterModel
import PerimeterTerraform

/// What a directory tree holds besides Terraform root modules: plan JSON, snapshots, GKE and node
/// inputs, and Kubernetes manifests. Every other file is listed with the reason it was not read.
enum DirectoryInputs {
    struct Found {
        var inputs: [ScanInput] = []
        var manifests: [String] = []
        var diagnostics: [Diagnostic] = []
        var skipped: [SkippedInput] = []
    }

    /// Terraform's own files, read through their root modules, and perimeter's fixture markers.
    private static let terraformSuffixes = [".tf", ".tf.json", ".tfvars", ".tfvars.json", ".tftpl", ".expect"]
    private static let templateExtensions: Set<String> = ["tpl", "j2", "jinja", "jinja2", "tmpl", "gotmpl"]
    private static let shellExtensions: Set<String> = ["sh", "bash"]
    private static let kustomizations: Set<String> = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    static func find(under path: String) -> Found {
        // Hidden files and folders (.git, .terraform) and node_modules are never inputs.
        let listing = FileTree.walk(path) { $0.hasPrefix(".") || $0 == "node_modules" }
        var found = Found()
        found.skipped = listing.skipped
        var plans: [String] = []
        var others: [ScanInput] = []
        for file in listing.files {
            let name = (file as NSString).lastPathComponent
            if terraformSuffixes.contains(where: { name.hasSuffix($0) }) { continue }
            switch classify(file, name: name, relative: relative(file, to: path)) {
            case .plan: plans.append(file)
            case .input(let input): others.append(input)
            case .manifest: found.manifests.append(file)
            case .skipped(let skipped): found.skipped.append(skipped)
            }
        }
        found.inputs = plans.sorted().map { .plan(file: $0) } + others.sorted { $0.path < $1.path }
        found.manifests.sort()
        return found
    }

    private enum Outcome {
        case plan
        case input(ScanInput)
        case manifest
        case skipped(SkippedInput)
    }

    private static func classify(_ file: String, name: String, relative: String) -> Outcome {
        let ext = (name as NSString).pathExtension.lowercased()
        if templateExtensions.contains(ext) { return .skipped(SkippedInput(path: file, reason: .template)) }
        if kustomizations.contains(name) { return .skipped(SkippedInput(path: file, reason: .kustomization)) }
        if ext == "json" {
            // Plans can be hundreds of megabytes: their first bytes say what they are.
            if case .success(let head) = FileTree.read(file, prefix: 4096) {
                if PlanReader.looksLikePlan(head) { return .plan }
                if SnapshotFile.looksLikeSnapshot(head) { return .input(.snapshot(file: file)) }
            }
        }
        guard NodeInputDetection.isCandidate(name: name) else { return .skipped(SkippedInput(path: file, reason: .notAnInput)) }
        let data: Data
        switch FileTree.read(file, limit: NodeInputDetection.maximumSize) {
        case .success(let bytes): data = bytes
        case .failure(let failure): return .skipped(skipped(file, failure))
        }
        if data.containsNUL && !NodeInputDetection.isCommandLineDump(data) { return .skipped(SkippedInput(path: file, reason: .binary)) }
        if let location = UTF8Position.firstInvalid(in: data, file: file) {
            return .skipped(SkippedInput(path: file, reason: .notUTF8, detail: "invalid byte at \(location.line):\(location.column)"))
        }
        if SnapshotFile.looksLikeSnapshot(data) { return .input(.snapshot(file: file)) }
        if let input = NodeInputDetection.classify(path: file, name: relative, data: data) { return .input(input) }
        // A shell script is an input only as user data or kubelet flags; a YAML heredoc in it is not a manifest.
        if shellExtensions.contains(ext) { return .skipped(SkippedInput(path: file, reason: .shellScript)) }
        if let reason = templateReason(name: name, data: data) { return .skipped(SkippedInput(path: file, reason: reason)) }
        if ManifestLoader.looksLikeManifest(data) { return .manifest }
        return .skipped(SkippedInput(path: file, reason: .notAnInput))
    }

    /// Why a text is a template rather than an input, when it is one.
    static func templateReason(name: String, data: Data) -> SkippedInput.Reason? {
        let ext = (name as NSString).pathExtension.lowercased()
        if templateExtensions.contains(ext) { return .template }
        if kustomizations.contains(name) { return .kustomization }
        if shellExtensions.contains(ext) { return .shellScript }
        // Go template actions only: aws-auth's own `{{EC2PrivateDNSName}}` is not one.
        if ManifestLoader.looksLikeTemplate(data) { return .helmTemplate }
        return nil
    }

    private static func skipped(_ file: String, _ failure: FileTree.ReadFailure) -> SkippedInput {
        switch failure {
        case .notRegular(let reason): SkippedInput(path: file, reason: reason)
        case .tooLarge(let size):
            SkippedInput(path: file, reason: .tooLarge, detail: "\(size) bytes, more than \(NodeInputDetection.maximumSize)")
        case .unreadable(let reason): SkippedInput(path: file, reason: .unreadable, detail: reason)
        }
    }

    static func describe(_ failure: FileTree.ReadFailure) -> String {
        switch failure {
        case .notRegular(let reason): "Not a regular file (\(reason.singular)): perimeter never opens one"
        case .tooLarge(let size): "File too large (\(size) bytes)"
        case .unreadable(let reason): "Cannot read file: \(reason)"
        }
    }

    /// `node/kubelet.yaml` for `dir/node/kubelet.yaml` under `dir`: node inputs print the path within the tree.
    private static func relative(_ file: String, to root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }
}
