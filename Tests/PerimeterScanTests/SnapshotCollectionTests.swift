import Foundation
import PerimeterModel
import Testing

@testable import PerimeterScan

/// Live-collection additions to the snapshot stay readable both ways, and `diff` compares findings by check and resource.
@Suite struct SnapshotCollectionTests {
    @Test func snapshotsWithoutCollectionInfoStillDecode() throws {
        var old = Snapshot()
        old.sources = ["plan.json"]
        old.launchTemplates = [
            LaunchTemplate(
                key: "aws_launch_template.node", provenance: Provenance(resource: "aws_launch_template.node", origin: .terraform))
        ]
        let data = try SnapshotFile.encode(old)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("\"collection\"") && !text.contains("\"version\" : \""), "nil fields are not written")
        let decoded = try SnapshotFile.decode(data, path: "old.json").get()
        #expect(decoded == old)
        #expect(SnapshotFile.gapDiagnostics(of: decoded, file: "old.json").isEmpty)
    }

    @Test func collectionGapsBecomeDiagnosticsOfTheFile() throws {
        var live = Snapshot()
        live.collection = CollectionInfo(
            provider: "aws", region: "eu-west-1", cluster: "prod", collectedAt: "2026-01-01T00:00:00Z",
            toolVersion: "test", calls: 3,
            gaps: [
                .error("ec2:DescribeNetworkAcls: UnauthorizedOperation: no; network ACLs not collected"),
                .warning("eks:ListAccessEntries: not implemented; access entries not collected")
            ])
        let decoded = try SnapshotFile.decode(try SnapshotFile.encode(live), path: "live.json").get()
        #expect(decoded.collection == live.collection)
        let diagnostics = SnapshotFile.gapDiagnostics(of: decoded, file: "live.json")
        #expect(
            diagnostics.map(\.description) == [
                "live.json: error: ec2:DescribeNetworkAcls: UnauthorizedOperation: no; network ACLs not collected",
                "live.json: warning: eks:ListAccessEntries: not implemented; access entries not collected"
            ])
        #expect(SnapshotFile.gapDiagnostics(of: decoded, file: nil).first?.file == "aws:eu-west-1/prod")
    }

    @Test func diffMatchesFindingsByCheckAndResource() {
        func finding(_ id: String, _ resource: String, _ message: String = "m") -> Finding {
            Finding(ruleId: id, severity: .high, title: "t", resource: resource, message: message)
        }
        let diff = FindingDiff(
            before: [finding("NET-004", "ng"), finding("NODE-001", "lt-1", "optional")],
            after: [finding("NODE-001", "lt-1", "not set"), finding("NET-002", "sg-1")])
        #expect(diff.fixed.map(\.ruleId) == ["NET-004"])
        #expect(diff.introduced.map(\.resource) == ["sg-1"])
        #expect(diff.unchanged.map(\.message) == ["not set"])
    }
}
