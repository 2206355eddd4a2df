import Foundation
import PerimeterChecks
import PerimeterKubernetes
import PerimeterModel
import Testing

/// Behaviour of the RBAC checks beyond where findings land: severity, evidence, the default policy.
@Suite struct RBACCheckTests {
    static let binding = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: secret-sync}
        rules: [{apiGroups: [""], resources: [secrets], verbs: [list]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: secret-sync}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-sync}
        subjects: [{kind: ServiceAccount, name: syncer, namespace: tools}]
        """

    func findings(_ yaml: String, check id: String) throws -> [Finding] {
        let snapshot = ManifestLoader.load(text: yaml, file: "inline.yaml", origin: .file).snapshot
        let check = try #require(CheckRegistry.check(id: id))
        return check.run(CheckContext(snapshot: snapshot))
    }

    @Test func severityRisesWhenAWorkloadMountsTheServiceAccount() throws {
        let alone = try findings(Self.binding, check: "RBAC-004")
        #expect(alone.map(\.severity) == [.high])
        let mounted = try findings(
            Self.binding + """

                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: syncer, namespace: tools}
                spec: {template: {spec: {serviceAccountName: syncer}}}
                """, check: "RBAC-004")
        #expect(mounted.map(\.severity) == [.critical])
        #expect(mounted.first?.evidence.last == "mounted by: Deployment/tools/syncer")
        let unmounted = try findings(
            Self.binding + """

                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: syncer, namespace: tools}
                spec: {template: {spec: {serviceAccountName: syncer, automountServiceAccountToken: false}}}
                """, check: "RBAC-004")
        #expect(unmounted.map(\.severity) == [.high])
    }

    @Test func anonymousGrantsAreCriticalAndAuthenticatedHigh() throws {
        let text = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Fixtures/checks/RBAC-007/trigger.yaml"), encoding: .utf8)
        let found = try findings(text, check: "RBAC-007")
        #expect(
            Dictionary(uniqueKeysWithValues: found.map { ($0.resource, $0.severity) })
                == ["ClusterRoleBinding/anonymous-view": .critical, "RoleBinding/shop/everyone-reads-config": .high])
    }

    @Test func changedDefaultsAreFindings() throws {
        // A bootstrap binding someone took over (autoupdate false) is judged like any other.
        let text = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: system:discovery
              labels: {kubernetes.io/bootstrapping: rbac-defaults}
              annotations: {rbac.authorization.kubernetes.io/autoupdate: "false"}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:discovery}
            subjects: [{kind: Group, name: system:unauthenticated, apiGroup: rbac.authorization.k8s.io}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: system:discovery, labels: {kubernetes.io/bootstrapping: rbac-defaults}}
            rules: [{nonResourceURLs: [/api, /api/*], verbs: [get]}]
            """
        #expect(try findings(text, check: "RBAC-007").map(\.resource) == ["ClusterRoleBinding/system:discovery"])
    }

    @Test func evidenceNamesBindingRoleAndRule() throws {
        let found = try #require(try findings(Self.binding, check: "RBAC-004").first)
        #expect(
            found.evidence.first
                == "ClusterRoleBinding/secret-sync → ClusterRole/secret-sync → verbs=[list] apiGroups=[\"\"] resources=[secrets]")
        #expect(
            found.message
                == "'ClusterRoleBinding/secret-sync' grants reading secrets cluster-wide to ServiceAccount:tools:syncer through 'ClusterRole/secret-sync'"
        )
        // The subject entry, not the object: the line to change (issue 11).
        #expect(found.location?.line == 10)
    }
}
