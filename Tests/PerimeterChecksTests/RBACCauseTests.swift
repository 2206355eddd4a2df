import Foundation
import PerimeterChecks
import PerimeterKubernetes
import PerimeterModel
import PerimeterScan
import Testing

/// One finding per cause, with the file and line of the entry, and severities that say why they moved.
@Suite struct RBACCauseTests {
    func scan(_ files: [String: String], checks: [any Check] = CheckRegistry.all) throws -> (ScanResult, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-causes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: root.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return (Scanner.scan(ScanOptions(paths: [root.path], checks: checks)), root)
    }

    static let wildcardToUser = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: god}
        rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: god}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: god}
        subjects:
        - kind: User
          name: alice
          apiGroup: rbac.authorization.k8s.io
        """

    @Test func oneWildcardBindingIsOneFindingNamingTheOtherConcerns() throws {
        let (result, root) = try scan(["a.yaml": Self.wildcardToUser])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(result.findings.map(\.ruleId) == ["RBAC-002"])
        let finding = try #require(result.findings.first)
        #expect(finding.severity == .critical)
        let also = try #require(finding.evidence.first { $0.hasPrefix("same rule and subject, also:") })
        for id in ["RBAC-003", "RBAC-004", "RBAC-005", "RBAC-006", "RBAC-008", "RBAC-011", "RBAC-013"] {
            #expect(also.contains(id), "\(id)")
        }
        #expect(finding.location?.line == 11) // the subject entry
        // Run alone, each check still reports its concern.
        let (alone, other) = try scan(["a.yaml": Self.wildcardToUser], checks: [try #require(CheckRegistry.check(id: "RBAC-004"))])
        defer { try? FileManager.default.removeItem(at: other) }
        #expect(alone.findings.map(\.ruleId) == ["RBAC-004"])
    }

    @Test func separateRulesAreSeparateCauses() throws {
        let (result, root) = try scan([
            "a.yaml": """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: ops}
            rules:
            - {apiGroups: [""], resources: [secrets], verbs: [get, list]}
            - {apiGroups: [""], resources: [pods/exec], verbs: [create]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: ops}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ops}
            subjects: [{kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}]
            """
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(result.findings.map(\.ruleId).sorted() == ["RBAC-004", "RBAC-008"])
        #expect(result.findings.allSatisfy { !$0.evidence.contains { $0.hasPrefix("same rule") } })
    }

    @Test func findingsOfADirectoryNameTheirOwnFile() throws {
        let other = Self.wildcardToUser.replacingOccurrences(of: "god", with: "other-god")
        let (result, root) = try scan(["a.yaml": Self.wildcardToUser, "b.yaml": other])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(result.findings.count == 2)
        for finding in result.findings {
            #expect(finding.input == finding.location?.file)
        }
        #expect(Set(result.findings.compactMap { $0.input.map { ($0 as NSString).lastPathComponent } }) == ["a.yaml", "b.yaml"])
    }

    @Test func raisedAndLoweredSeveritiesSayWhy() throws {
        let (result, root) = try scan([
            "a.yaml": """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: anonymous-view}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
            subjects: [{kind: User, name: system:anonymous, apiGroup: rbac.authorization.k8s.io}]
            """,
            "grantor.yaml": try String(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .appendingPathComponent("Fixtures/checks/RBAC-005/trigger_role_grantor.yaml"), encoding: .utf8)
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let anonymous = try #require(result.findings.first { $0.ruleId == "RBAC-007" })
        #expect(anonymous.severity == .critical)
        #expect(anonymous.evidence.contains { $0.hasPrefix("severity raised from high to critical: system:anonymous") })
        #expect(anonymous.message.contains("'ClusterRole/view (built-in, Kubernetes 1.32)'"))
        // The built-in role carries the defaults label because it is the default; the binding does not claim it.
        #expect(!anonymous.evidence.contains { $0.contains("rbac-defaults") }, "\(anonymous.evidence)")
        let grantor = try #require(result.findings.first { $0.ruleId == "RBAC-005" })
        #expect(grantor.severity == .medium)
        #expect(
            grantor.evidence.contains {
                $0
                    == "severity lowered from high to medium: bind is restricted by resourceNames, so only ClusterRole/admin, ClusterRole/edit, "
                    + "ClusterRole/view can be handed out (each grants more than the subject holds)"
            })
        for finding in result.findings where !finding.evidence.contains(where: { $0.hasPrefix("severity ") }) {
            #expect(finding.severity == CheckRegistry.check(id: finding.ruleId)?.description.severity, "\(finding.ruleId)")
        }
    }

    @Test func aLabelledDefaultThatDiffersIsReportedWithTheDifference() throws {
        let (result, root) = try scan([
            "a.yaml": try String(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .appendingPathComponent("Fixtures/checks/RBAC-007/trigger_labelled_default.yaml"), encoding: .utf8)
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(
            finding.evidence.contains("labelled kubernetes.io/bootstrapping: rbac-defaults, yet differs from the Kubernetes 1.32 default"))
        #expect(
            finding.evidence.contains(
                "  ClusterRoleBinding/system:public-info-viewer: roleRef ClusterRole/cluster-admin instead of the default's ClusterRole/system:public-info-viewer"
            ))
    }

    @Test func iam001PointsAtTheMapRolesEntry() throws {
        let (result, root) = try scan(
            [
                "aws-auth.yaml": """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: aws-auth, namespace: kube-system}
                data:
                  mapRoles: |
                    - rolearn: arn:aws:iam::111122223333:role/node
                      groups: [system:nodes]
                    - rolearn: arn:aws:iam::111122223333:role/admin
                      groups: [system:masters]
                """
            ], checks: [try #require(CheckRegistry.check(id: "IAM-001"))])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(result.findings.map { $0.location?.line } == [8])
    }
}
