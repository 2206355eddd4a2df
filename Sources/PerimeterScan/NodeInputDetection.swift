import Foundation
import PerimeterGKE
import PerimeterKubelet

/// What kind of node file an input is; decides which reader gets it.
public enum NodeFileKind: String, Hashable, Sendable {
    /// YAML or JSON documents: KubeletConfiguration, NodeConfig.
    case documents
    /// kubelet `/metrics` text, or `kubectl logs --prefix` output of a pod that greps it.
    case metrics
    /// EC2 user data: a script calling bootstrap.sh, a MIME archive, a NodeConfig.
    case userData
    /// Kubelet command-line flags: a flags file, an environment file (a fragment of the command line).
    case flags
    /// One whole kubelet command line: a bare `kubelet ...` file, or a `/proc/PID/cmdline` dump.
    case commandLine
    /// A systemd unit or drop-in of the kubelet (`kubelet.service`, `10-kubeadm.conf`).
    case systemdUnit
    /// kubescape host-scanner `KubeletInfo` JSON.
    case kubeletInfo
}

/// Recognises GKE and node inputs by their content (cheap substring tests), so a directory of
/// unrelated YAML is skipped without errors.
enum NodeInputDetection {
    static let maximumSize = 16 << 20
    private static let skippedExtensions: Set<String> = [
        "swift", "go", "py", "md", "tf", "hcl", "rb", "js", "ts", "java", "c", "h",
        "png", "jpg", "gif", "zip", "gz", "tgz", "lock", "sum", "mod", "expect"
    ]

    static func isCandidate(name: String) -> Bool {
        let ext = (name as NSString).pathExtension.lowercased()
        return !skippedExtensions.contains(ext)
    }

    /// A `/proc/PID/cmdline` dump of the kubelet: NUL bytes, yet an input.
    static func isCommandLineDump(_ data: Data) -> Bool { KubeletCommandLine.looksLikeProcDump(data) }

    static func classify(path: String, name: String, data: Data) -> ScanInput? {
        if KubeletCommandLine.looksLikeProcDump(data) { return .nodeFile(file: path, name: name, kind: .commandLine) }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) else { return nil }
        let ext = (name as NSString).pathExtension.lowercased()
        let structured = ["json", "yaml", "yml"].contains(ext)
        if structured && KubeletInfoReader.looksLikeKubeletInfo(text) { return .nodeFile(file: path, name: name, kind: .kubeletInfo) }
        // A `--config-dir` drop-in is a KubeletConfiguration in a `.conf` file.
        if ext == "conf" && text.contains("kubelet.config.k8s.io") { return .nodeFile(file: path, name: name, kind: .documents) }
        if structured && GCloudReader.looksLikeGCloud(text) { return .gcloud(file: path, name: name) }
        // Workloads are Kubernetes manifests: the manifest input reads them, for RBAC and for read-only port uses alike.
        if structured && (text.contains("KubeletConfiguration") || text.contains("kubelet.config.k8s.io") || text.contains("node.eks.aws"))
        {
            return .nodeFile(file: path, name: name, kind: .documents)
        }
        if KubeletMetricsReader.looksLikeMetrics(text) { return .nodeFile(file: path, name: name, kind: .metrics) }
        if structured { return nil }
        if UserDataReader.looksLikeUserData(text) { return .nodeFile(file: path, name: name, kind: .userData) }
        if SystemdUnitReader.looksLikeUnit(text) && (text.contains("kubelet") || KubeletFlags.mentionsFlags(text)) {
            return .nodeFile(file: path, name: name, kind: .systemdUnit)
        }
        if KubeletCommandLine.bare(text, file: path) != nil { return .nodeFile(file: path, name: name, kind: .commandLine) }
        if KubeletFlags.mentionsFlags(text) { return .nodeFile(file: path, name: name, kind: .flags) }
        return nil
    }
}
