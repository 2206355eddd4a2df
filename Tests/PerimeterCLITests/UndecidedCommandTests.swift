import Foundation
import Testing

/// `scan` says what it could not decide, and `--fail-on-undecided` lets a strict pipeline fail on it.
@Suite struct UndecidedCommandTests {
    static let unknownCIDR = "Tests/PerimeterChecksTests/Fixtures/checks/NET-001/unknown_cidr_variable.tf"
    static let clean = "Tests/PerimeterChecksTests/Fixtures/checks/NET-001/pass_cluster_sg_only.tf"

    @Test func failOnUndecidedExitsOneOnlyWhenSomethingIsUndecided() throws {
        #expect(try CLI.run(["scan", Self.unknownCIDR, "--check", "NET-001"]).status == 0)
        #expect(try CLI.run(["scan", Self.unknownCIDR, "--check", "NET-001", "--fail-on-undecided"]).status == 1)
        #expect(try CLI.run(["scan", Self.clean, "--check", "NET-001", "--fail-on-undecided"]).status == 0)
        let modules = "Tests/PerimeterScanTests/Fixtures/undecided/not-installed"
        #expect(try CLI.run(["scan", modules, "--fail-on-undecided"]).status == 1)
    }

    @Test func tableEndsWithTheUndecidedCount() throws {
        let run = try CLI.run(["scan", Self.unknownCIDR, "--check", "NET-001"])
        #expect(run.stdout.contains("NET-001 undecided on aws_security_group_rule.kubelet_from_var: source of ingress tcp 10250"))
        #expect(
            run.stdout.hasSuffix(
                "0 findings: 0 critical, 0 high, 0 medium, 0 low, 0 info; "
                    + "1 check undecided (values known only after apply); 1 root module scanned\n"))
    }

    @Test func jsonHasUndecidedAndCoverage() throws {
        let run = try CLI.run(["scan", "examples/eks-before", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["undecided"] is [Any])
        let coverage = try #require(json["coverage"] as? [[String: Any]])
        #expect(coverage.count == 1)
        #expect(coverage.first?["kind"] as? String == "terraform")
        #expect((coverage.first?["instances"] as? Int ?? 0) > 0)
    }
}
