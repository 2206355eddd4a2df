import Foundation
import PerimeterChecks
import PerimeterModel
import PerimeterReport
import PerimeterScan
import Testing

/// Two root modules under one directory may print the same address; each finding names its root.
@Suite struct RootModuleInputTests {
    static let openKubelet = """
        resource "aws_eks_cluster" "this" {
          name     = "same-name"
          role_arn = "arn:aws:iam::123456789012:role/eks"
          vpc_config {
            subnet_ids              = ["subnet-1"]
            endpoint_public_access  = true
            endpoint_private_access = true
          }
        }
        """

    @Test func sameAddressInTwoRootsIsTwoFindingsWithTheirRoots() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-roots-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        for name in ["staging", "prod"] {
            let root = base.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try Self.openKubelet.write(to: root.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        }
        let check = try #require(CheckRegistry.check(id: "NET-011"))
        let result = Scanner.scan(ScanOptions(paths: [base.path], checks: [check]))
        #expect(result.findings.map(\.resource) == ["aws_eks_cluster.this", "aws_eks_cluster.this"])
        let inputs = Set(result.findings.compactMap(\.input).map { URL(fileURLWithPath: $0).lastPathComponent })
        #expect(inputs == ["staging", "prod"])

        let report = ScanReport(findings: result.findings, checks: [check.description], inputs: [base.path], toolVersion: "test")
        let table = TableReporter(color: false).render(report)
        #expect(table.contains("input:    \(base.path)/prod"))
        #expect(table.contains("input:    \(base.path)/staging"))
        let json = JSONReporter().render(report)
        #expect(json.contains("\"input\": \"\(base.path)/prod\""))
    }

    @Test func oneInputIsNotNamedInTheTable() throws {
        let result = Scanner.scan(ScanOptions(paths: [Paths.example("eks-before")]))
        let report = ScanReport(findings: result.findings, inputs: [Paths.example("eks-before")], toolVersion: "test")
        #expect(!TableReporter(color: false).render(report).contains("input:"))
        #expect(result.findings.allSatisfy { $0.input == Paths.example("eks-before") })
    }
}
