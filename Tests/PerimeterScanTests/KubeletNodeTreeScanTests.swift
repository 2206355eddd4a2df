import Foundation
import PerimeterModel
import PerimeterScan
import Testing

/// A copy of a node's files scanned as a directory: the command line finds the config file and drop-ins it
/// names under the copy's root, layers them as the kubelet does, and the files it read are not judged alone.
@Suite struct KubeletNodeTreeScanTests {
    private func tree(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-node-tree-\(UUID().uuidString)")
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let permissiveConfig = """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        readOnlyPort: 10255
        authentication:
          anonymous:
            enabled: true
        authorization:
          mode: AlwaysAllow
        """

    private func scan(_ root: URL) -> [String] {
        Scanner.scan(ScanOptions(paths: [root.path])).findings.map { "\($0.ruleId) \($0.resource)" }.sorted()
    }

    @Test func flagsInTheUnitOverrideThePermissiveConfigFile() throws {
        let root = try tree([
            "usr/lib/systemd/system/kubelet.service": "[Service]\nExecStart=/usr/bin/kubelet\n",
            "usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf": """
            [Service]
            Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
            EnvironmentFile=-/etc/default/kubelet
            ExecStart=
            ExecStart=/usr/bin/kubelet $KUBELET_CONFIG_ARGS $KUBELET_EXTRA_ARGS
            """,
            "etc/default/kubelet": "KUBELET_EXTRA_ARGS=--read-only-port=0 --anonymous-auth=false --authorization-mode=Webhook\n",
            "var/lib/kubelet/config.yaml": Self.permissiveConfig
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(scan(root) == [])
    }

    @Test func theSameTreeWithoutTheFlagsReportsTheConfigFileLayer() throws {
        let root = try tree([
            "usr/lib/systemd/system/kubelet.service": "[Service]\nExecStart=/usr/bin/kubelet\n",
            "usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf": """
            [Service]
            Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
            ExecStart=
            ExecStart=/usr/bin/kubelet $KUBELET_CONFIG_ARGS
            """,
            "var/lib/kubelet/config.yaml": Self.permissiveConfig
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = Scanner.scan(ScanOptions(paths: [root.path]))
        // One finding per check, from the unit (which read the drop-in and the config file), naming the file layer.
        #expect(result.findings.map(\.ruleId).sorted() == ["NODE-002", "NODE-003", "NODE-004"])
        #expect(result.findings.allSatisfy { $0.resource == "usr/lib/systemd/system/kubelet.service" })
        let port = try #require(result.findings.first { $0.ruleId == "NODE-002" })
        #expect(port.message.contains("--config file"))
        #expect(port.location?.file.hasSuffix("var/lib/kubelet/config.yaml") == true && port.location?.line == 3)
    }

    @Test func procCmdlineWithConfigDirectory() throws {
        let root = try tree([
            "etc/kubernetes/kubelet.yaml": "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n",
            "etc/kubernetes/kubelet.conf.d/10-base.conf":
                "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 10255\n",
            "etc/kubernetes/kubelet.conf.d/20-close.conf":
                "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 0\n"
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let dump = Data("/usr/bin/kubelet\0--config=/etc/kubernetes/kubelet.yaml\0--config-dir=/etc/kubernetes/kubelet.conf.d\0".utf8)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("proc/812"), withIntermediateDirectories: true)
        try dump.write(to: root.appendingPathComponent("proc/812/cmdline"))
        // 20-close.conf comes after 10-base.conf: port 0. 10-base.conf alone is not judged: it was read as a layer.
        #expect(scan(root) == [])
        let single = Scanner.scan(ScanOptions(paths: [root.appendingPathComponent("proc/812/cmdline").path]))
        #expect(single.findings.isEmpty && single.diagnostics.filter { $0.severity == .error }.isEmpty)
    }
}
