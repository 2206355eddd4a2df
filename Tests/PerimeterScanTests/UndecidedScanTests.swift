import Foundation
import PerimeterChecks
import PerimeterModel
import PerimeterScan
import Testing

/// Every scan says what it could not decide: the exact undecided entries for each kind of gap.
@Suite struct UndecidedScanTests {
    static let checks = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PerimeterChecksTests/Fixtures/checks")

    static func fixture(_ check: String, _ name: String) -> String {
        checks.appendingPathComponent(check).appendingPathComponent(name).path
    }

    static func scan(_ path: String, check id: String? = nil) throws -> ScanResult {
        let checks = try id.map { [try #require(CheckRegistry.check(id: $0))] } ?? CheckRegistry.all
        return Scanner.scan(ScanOptions(paths: [path], checks: checks))
    }

    @Test func cidrFromVariableWithoutValueIsUndecidedWithTheVariable() throws {
        let path = Self.fixture("NET-001", "unknown_cidr_variable.tf")
        let result = try Self.scan(path, check: "NET-001")
        #expect(result.findings.isEmpty)
        #expect(
            result.undecided.map(\.description) == [
                "NET-001 undecided on aws_security_group_rule.kubelet_from_var: source of ingress tcp 10250 on "
                    + "'aws_security_group.node' is unknown: variable 'kubelet_cidrs' has no value"
            ])
        let entry = try #require(result.undecided.first)
        #expect(entry.kind == .check)
        #expect(entry.location == SourceLocation(file: path, line: 57, column: 1))
        #expect(entry.input == path)
    }

    @Test func unknownSecurityGroupMembershipIsUndecidedOnTheNodeGroup() throws {
        let result = try Self.scan(Self.fixture("NET-004", "unknown_launch_template_groups.tf"), check: "NET-004")
        #expect(result.findings.isEmpty)
        #expect(
            result.undecided.map(\.description) == [
                "NET-004 undecided on aws_eks_node_group.this: nodes of 'dev-spot': a security group of launch template "
                    + "'aws_launch_template.node' is unknown: variable 'node_security_group_ids' has no value"
            ])
    }

    @Test func nodeGroupWithUnknownLaunchTemplateIsUndecidedForEveryNodePortCheck() throws {
        let path = Paths.inputs.deletingLastPathComponent().appendingPathComponent("undecided/unknown-membership.tf").path
        for id in ["NET-001", "NET-002", "NET-003", "NET-004"] {
            let result = try Self.scan(path, check: id)
            #expect(result.findings.isEmpty)
            #expect(
                result.undecided.map(\.description) == [
                    "\(id) undecided on aws_eks_node_group.this: security groups of the nodes of 'dev-spot' are unknown: "
                        + "the launch template is unknown: variable 'template_id' has no value, so whether it "
                        + "replaces the cluster security group is unknown"
                ])
            #expect(result.undecided.first?.location?.line == 16)
        }
    }

    @Test func unknownEndpointFlagIsUndecidedOnTheCluster() throws {
        for id in ["NET-010", "NET-011"] {
            let result = try Self.scan(Self.fixture("NET-010", "unknown_public_flag.tf"), check: id)
            #expect(result.findings.isEmpty)
            #expect(
                result.undecided.map(\.description) == [
                    "\(id) undecided on aws_eks_cluster.this: endpoint_public_access is unknown: variable 'public' has no value"
                ])
        }
        let privateFlag = try Self.scan(Self.fixture("NET-012", "unknown_private_flag.tf"), check: "NET-012")
        #expect(privateFlag.undecided.count == 1)
        #expect(privateFlag.undecided.first?.reason.hasPrefix("endpoint_private_access is unknown: ") == true)
    }

    @Test func modulesNotInstalledAreListedWithTheFix() throws {
        let root = Paths.inputs.deletingLastPathComponent().appendingPathComponent("undecided/not-installed").path
        let result = try Self.scan(root)
        let modules = result.undecided.filter { $0.kind == .moduleNotRead }
        #expect(
            modules.map(\.description) == [
                "module.eks not read: source 'terraform-aws-modules/eks/aws' is not installed, so nothing in it was checked",
                "module.vpc not read: source 'git::https://example.com/network/vpc.git?ref=v1.2.0' is not installed, so nothing in it was checked"
            ])
        #expect(modules.allSatisfy { $0.fix == "run terraform init or use --download-modules" && $0.ruleId == nil })
        #expect(modules.map { $0.location?.line } == [3, 8])
        let coverage = try #require(result.coverage.first)
        #expect(result.coverage.count == 1)
        #expect(coverage.kind == "terraform")
        #expect(coverage.moduleCallsNotRead == 2)
        #expect(coverage.moduleCallsRead == 0)
        #expect(coverage.resources == 1)
        #expect(coverage.instances == 1)
    }

    @Test func coverageCountsResourcesInstancesAndUnknownsThatMattered() throws {
        let path = Self.fixture("NET-001", "unknown_cidr_variable.tf")
        let result = try Self.scan(path)
        let coverage = try #require(result.coverage.first { $0.input == path })
        #expect(coverage.resources == 6)
        #expect(coverage.instances == 6)
        #expect(coverage.undecidedChecks == result.undecided.filter { $0.kind == .check }.count)
        #expect(coverage.unknownValuesThatMattered >= 1)
        #expect(coverage.unknownValuesThatMattered <= coverage.undecidedChecks)
    }

    @Test func aCleanKnownInputHasNothingUndecided() throws {
        let result = try Self.scan(Self.fixture("NET-001", "pass_cluster_sg_only.tf"), check: "NET-001")
        #expect(result.findings.isEmpty)
        #expect(result.undecided.isEmpty)
    }

    /// An ignore comment for a check also settles its undecided verdict on that object.
    @Test func ignoreCommentAlsoSilencesUndecided() throws {
        let source = try String(contentsOfFile: Self.fixture("NET-001", "unknown_cidr_variable.tf"), encoding: .utf8)
        let silenced = source.replacingOccurrences(
            of: "resource \"aws_security_group_rule\" \"kubelet_from_var\"",
            with: "# perimeter:ignore NET-001 set by the pipeline\nresource \"aws_security_group_rule\" \"kubelet_from_var\"")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-undecided-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try silenced.write(to: directory.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let result = try Self.scan(directory.path, check: "NET-001")
        #expect(result.undecided.isEmpty)
    }
}
