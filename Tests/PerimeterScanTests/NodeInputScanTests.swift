import Foundation
import PerimeterModel
import PerimeterScan
import Testing

/// GKE and node inputs found in a directory beside other files; bad ones reported with their position,
/// unrelated ones skipped, and the good ones' findings kept.
@Suite struct NodeInputScanTests {
    private func directory(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-node-\(UUID().uuidString)")
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func badGCloudJSONNamesLineAndKeepsOtherFindings() throws {
        let root = try directory([
            "gcloud/broken.json":
                "{\n  \"selfLink\": \"https://container.googleapis.com/v1/projects/p/locations/l/clusters/x\",\n  \"nodePools\": [\n}\n",
            "kubelet/config.yaml": "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 10255\n",
            // Not ours: a Helm template (not valid YAML) and an unrelated ConfigMap.
            "chart/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n  {{ .Values.x }}\n",
            "docs/notes.txt": "nothing to see\n"
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = Scanner.scan(ScanOptions(paths: [root.path]))
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(result.diagnostics)")
        #expect(errors.first?.location?.file.hasSuffix("gcloud/broken.json") == true)
        #expect(errors.first?.location?.line == 4)
        #expect(result.findings.map { "\($0.ruleId) \($0.resource)" } == ["NODE-002 kubelet/config.yaml"])
        #expect(result.findings.first?.location?.line == 3)
    }

    @Test func ignoreCommentInYAMLSilencesTheFinding() throws {
        let root = try directory([
            "kubelet.yaml":
                "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n# perimeter:ignore NODE-002 standalone lab node\nreadOnlyPort: 10255\n"
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = Scanner.scan(ScanOptions(paths: [root.path]))
        #expect(result.findings.isEmpty)
        #expect(result.suppressed.map(\.ruleId) == ["NODE-002"])
    }

    @Test func snapshotRoundTripKeepsNodeFindings() throws {
        let root = try directory([
            "user-data.sh":
                "#!/bin/bash\n/etc/eks/bootstrap.sh prod --kubelet-extra-args '--anonymous-auth=true --authorization-mode=AlwaysAllow'\n"
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let first = Scanner.scan(ScanOptions(paths: [root.path]))
        #expect(first.findings.map(\.ruleId).sorted() == ["NODE-003", "NODE-004"])
        let snapshotFile = root.appendingPathComponent("snapshot.json")
        try SnapshotFile.encode(first.snapshots[0]).write(to: snapshotFile)
        let again = Scanner.scan(ScanOptions(paths: [snapshotFile.path]))
        #expect(again.findings.map(\.ruleId).sorted() == ["NODE-003", "NODE-004"])
    }
}
