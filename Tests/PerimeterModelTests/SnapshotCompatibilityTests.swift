import Foundation
import PerimeterModel
import Testing

@Suite struct SnapshotCompatibilityTests {
    /// A snapshot written before kubelet settings and read-only port uses existed still decodes.
    @Test func missingArraysDecodeAsEmpty() throws {
        let old = #"{"version": 1, "sources": ["a.tf"], "gkeClusters": []}"#
        let snapshot = try JSONDecoder().decode(Snapshot.self, from: Data(old.utf8))
        #expect(snapshot.sources == ["a.tf"])
        #expect(snapshot.kubeletSettings.isEmpty && snapshot.readOnlyPortUses.isEmpty && snapshot.securityGroups.isEmpty)
    }

    @Test func roundTripKeepsKubeletSettings() throws {
        var snapshot = Snapshot()
        snapshot.kubeletSettings = [
            KubeletSettings(
                key: "k", provenance: Provenance(resource: "kubelet.yaml", origin: .file), source: .configFile,
                readOnlyPort: KubeletSetting(
                    value: .known(10255), location: SourceLocation(file: "kubelet.yaml", line: 3), text: "readOnlyPort: 10255"))
        ]
        snapshot.gkeNodePools = [
            GKENodePool(
                key: "p", provenance: Provenance(resource: "c/nodePools/p", origin: .gke),
                cluster: .key("gke:c"), describesLiveState: true)
        ]
        let decoded = try JSONDecoder().decode(Snapshot.self, from: JSONEncoder().encode(snapshot))
        #expect(decoded == snapshot)
    }
}
