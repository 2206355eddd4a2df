import Foundation
import PerimeterGKE
import PerimeterKubelet

/// What kind of node file an input is; decides which reader gets it.
public enum NodeFileKind: String, Hashable, Sendable {
    /// YAML or JSON documents: KubeletConfiguration, NodeConfig, workloads.
    case documents
    /// kubelet `/metrics` text, or `kubectl logs --prefix` output of a pod that greps it.
    case metrics
    /// EC2 user data: a script calling bootstrap.sh, a MIME archive, a NodeConfig.
    case userData
    /// Kubelet command-line flags: a flags file, a systemd drop-in.
    case flags
}

/// Recognises GKE and node inputs by their content (cheap substring tests), so a directory of
/// unrelated YAML is skipped without errors.
enum NodeInputDetection {
    static let maximumSize = 16 << 20
    private static let skippedExtensions: Set<String> = ["swift", "go", "py", "md", "tf", "hcl", "rb", "js", "ts", "java", "c", "h",
                                                         "png", "jpg", "gif", "zip", "gz", "tgz", "lock", "sum", "mod", "expect"]
    private static let workloadKinds = ["Pod", "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job", "CronJob"]

    static func isCandidate(name: String) -> Bool {
        let ext = (name as NSString).pathExtension.lowercased()
        return !skippedExtensions.contains(ext)
    }

    static func classify(path: String, name: String, data: Data) -> ScanInput? {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        let ext = (name as NSString).pathExtension.lowercased()
        let structured = ["json", "yaml", "yml"].contains(ext)
        if structured && GCloudReader.looksLikeGCloud(text) { return .gcloud(file: path, name: name) }
        if structured && (text.contains("KubeletConfiguration") || text.contains("kubelet.config.k8s.io") || text.contains("node.eks.aws") || mentionsWorkload(text)) {
            return .nodeFile(file: path, name: name, kind: .documents)
        }
        if KubeletMetricsReader.looksLikeMetrics(text) { return .nodeFile(file: path, name: name, kind: .metrics) }
        if structured { return nil }
        if UserDataReader.looksLikeUserData(text) { return .nodeFile(file: path, name: name, kind: .userData) }
        if KubeletFlags.mentionsFlags(text) { return .nodeFile(file: path, name: name, kind: .flags) }
        return nil
    }

    /// `kind: Pod` or `"kind": "Pod"` (and the other pod controllers).
    private static func mentionsWorkload(_ text: String) -> Bool {
        workloadKinds.contains { kind in
            text.contains("kind: \(kind)\n") || text.contains("kind: \(kind)\r") || text.contains("\"kind\": \"\(kind)\"")
                || text.contains("\"kind\":\"\(kind)\"")
        }
    }
}
