import Foundation
import PerimeterModel
import PerimeterScan
import Testing

/// The same configuration read as HCL and as `terraform show -json` output gives the same model:
/// one check serves both inputs because they meet in the snapshot.
@Suite struct PlanEquivalenceTests {
    static func snapshot(_ path: String) throws -> Snapshot {
        let result = Scanner.scan(ScanOptions(paths: [path], checks: []))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        return try #require(result.snapshots.first)
    }

    /// What the model says, without where it was written (a plan has no lines).
    static func essence(_ snapshot: Snapshot) -> [String] {
        var lines: [String] = []
        for group in snapshot.securityGroups {
            lines.append("sg \(group.key) role=\(group.role) vpc=\(group.vpc.map(\.description) ?? "-")")
        }
        for rule in snapshot.securityGroupRules {
            lines.append(
                "rule \(rule.provenance.resource) \(rule.group) \(rule.direction) \(rule.ipProtocol) \(rule.ports) \(rule.endpoints)")
        }
        for cluster in snapshot.eksClusters {
            lines.append(
                "cluster \(cluster.key) \(cluster.name) sg=\(cluster.clusterSecurityGroup) public=\(cluster.endpointPublicAccess) private=\(cluster.endpointPrivateAccess) cidrs=\(String(describing: cluster.publicAccessCidrs))"
            )
        }
        for template in snapshot.launchTemplates {
            lines.append(
                "lt \(template.key) sgs=\(template.securityGroups) sets=\(template.setsSecurityGroups) tokens=\(String(describing: template.metadataOptions?.httpTokens))"
            )
        }
        for group in snapshot.nodeGroups {
            lines.append("ng \(group.key) \(group.kind) cluster=\(group.cluster) lt=\(group.launchTemplate.map(\.description) ?? "-")")
        }
        return lines.sorted()
    }

    @Test func hclAndPlanGiveTheSameModel() throws {
        let hcl = Self.essence(try Self.snapshot(Paths.input("../equivalence/main.tf")))
        let plan = Self.essence(try Self.snapshot(Paths.input("../equivalence/plan.json")))
        #expect(hcl.count > 10)
        #expect(hcl == plan, "only in HCL: \(Set(hcl).subtracting(plan))\nonly in plan: \(Set(plan).subtracting(hcl))")
    }
}
