import Foundation
import PerimeterChecks
import PerimeterModel
import PerimeterScan
import Testing

/// The bundled examples are the source documents' before and after states: dogfood for every release.
@Suite struct ExampleScanTests {
    @Test func beforeStateHasTheDocumentedFindings() {
        let result = Scanner.scan(ScanOptions(paths: [Paths.example("eks-before")]))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let found = Set(result.findings.map { "\($0.ruleId) \($0.resource)" })
        #expect(
            found == [
                "NET-002 module.eks.aws_security_group_rule.kubelet_debug[\"10.0.0.0/16\"]",
                "NET-002 module.eks.aws_security_group_rule.kubelet_debug[\"172.31.0.0/16\"]",
                "NET-003 module.eks.aws_security_group_rule.kubelet_read_only",
                "NET-004 module.eks.aws_eks_node_group.this",
                "NET-010 module.eks.aws_eks_cluster.this",
                "NODE-001 module.eks.aws_launch_template.node_group"
            ])
        for finding in result.findings {
            #expect(finding.location?.file.hasPrefix(Paths.example("eks-before")) == true)
        }
    }

    @Test func afterStateHasNoNetworkOrNodeFinding() {
        let result = Scanner.scan(ScanOptions(paths: [Paths.example("eks-after")]))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        #expect(result.findings.isEmpty, "\(result.findings.map { "\($0.ruleId) \($0.resource)" })")
    }

    @Test func bothExamplesInOneRunStaySeparate() {
        let result = Scanner.scan(ScanOptions(paths: [Paths.example("eks-before"), Paths.example("eks-after")]))
        #expect(result.inputs.count == 2)
        #expect(result.findings.count == 6)
    }
}

/// Bad input never crashes and never hides what the good inputs found.
@Suite struct BadInputTests {
    static let good = Paths.example("eks-before")

    @Test(arguments: [
        ("does-not-exist", "No such file or directory"),
        ("binary.bin", "Not a text file"),
        ("notes.txt", "Not an input perimeter knows"),
        ("wrong-shape.plan.json", ""),
        ("malformed.tf", "Expected ',' or ']'")
    ])
    func badInputIsReportedAndGoodFindingsStay(name: String, message: String) {
        let path = name == "does-not-exist" ? "/nonexistent/perimeter/input" : Paths.input(name)
        let result = Scanner.scan(ScanOptions(paths: [path, Self.good]))
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.count >= 1)
        #expect(errors.allSatisfy { $0.file == path || $0.location?.file == path }, "\(errors)")
        if !message.isEmpty { #expect(errors.contains { $0.message.contains(message) }, "\(errors)") }
        #expect(result.findings.count == 6, "the good input's findings must survive")
    }

    @Test func malformedHCLNamesLineAndColumn() throws {
        let result = Scanner.scan(ScanOptions(paths: [Paths.input("malformed.tf")]))
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.location?.line == 5)
        #expect(error.location?.column == 3)
    }

    @Test func directoryWithoutTerraform() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = Scanner.scan(ScanOptions(paths: [empty.path]))
        #expect(
            result.diagnostics.first?.message.hasPrefix("No input found in this directory: Terraform (.tf, .tf.json), plan JSON") == true)
    }
}

/// Source document 003 (GKE: disable the kubelet read-only port), before and after, from gcloud JSON,
/// node /metrics and workload manifests.
@Suite struct GKEExampleScanTests {
    @Test func beforeStateFindsEveryLevelAndEveryUser() {
        let result = Scanner.scan(ScanOptions(paths: [Paths.example("gke-before")]))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        #expect(
            Set(result.findings.map { "\($0.ruleId) \($0.resource)" }) == [
                "GKE-001 prod",
                "GKE-002 prod/nodePools/default-pool",
                // Auto-provisioning on, nodePoolAutoConfig and the cluster default unset: auto-provisioned pools keep 10255.
                "GKE-003 prod",
                "GKE-004 allow-debug",
                "GKE-005 Pod/default/kubelet-readonly-example",
                "GKE-005 nodes/gke-prod-default-pool-8f1c.prom"
            ])
    }

    @Test func afterStateIsClean() {
        let result = Scanner.scan(ScanOptions(paths: [Paths.example("gke-after")]))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        #expect(result.findings.isEmpty, "\(result.findings.map { "\($0.ruleId) \($0.resource)" })")
        #expect(result.inputs.count == 4, "\(result.inputs)")
    }
}
