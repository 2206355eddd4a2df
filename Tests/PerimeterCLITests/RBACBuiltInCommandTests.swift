import Foundation
import Testing

/// `perimeter rbac` on manifests that bind built-in roles, with --kubernetes-version and --manifest-namespace.
@Suite struct RBACBuiltInCommandTests {
    static let grantor = "Tests/PerimeterChecksTests/Fixtures/checks/RBAC-005/trigger_role_grantor.yaml"
    static let builtIn = "Tests/PerimeterChecksTests/Fixtures/checks/RBAC-002/trigger_builtin_cluster_admin.yaml"

    /// The documentation's role-grantor example: bind on clusterroles is authorized in the RoleBinding's namespace.
    @Test func roleGrantorMayBindAdminInItsNamespace() throws {
        let yes = try CLI.run([
            "rbac", "can", "User:user-1", "bind", "clusterroles", "-n", "user-1-namespace", "--name", "admin", Self.grantor
        ])
        #expect(yes.status == 0, "\(yes.stdout)\(yes.stderr)")
        #expect(yes.stdout.hasPrefix("yes"))
        let no = try CLI.run([
            "rbac", "can", "User:user-1", "bind", "clusterroles", "-n", "user-1-namespace", "--name", "cluster-admin", Self.grantor
        ])
        #expect(no.status == 1)
    }

    @Test func builtInRolesAreMarkedAndVersionsChecked() throws {
        let table = try CLI.run(["rbac", "who-can", "get", "secrets", Self.builtIn, "--kubernetes-version", "1.32"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("User alice@example.com"))
        #expect(table.stdout.contains("ClusterRole/cluster-admin (built-in, Kubernetes 1.32)"))
        let bad = try CLI.run(["rbac", "who-can", "get", "secrets", Self.builtIn, "--kubernetes-version", "1.12"])
        #expect(bad.status == 2) // a usage error
        #expect(bad.stderr.contains("Unknown Kubernetes version '1.12'"))
    }

    @Test func manifestNamespaceAndItsWarning() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-cli-ns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("install.yaml").path
        try """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: app-admin}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
        subjects: [{kind: ServiceAccount, name: app}]
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let warned = try CLI.run(["rbac", "can", "ServiceAccount:argocd:app", "get", "secrets", "-n", "argocd", file])
        #expect(warned.status == 1)
        #expect(warned.stderr.contains("RoleBinding/app-admin has no metadata.namespace"))
        let given = try CLI.run([
            "rbac", "can", "ServiceAccount:argocd:app", "get", "secrets", "-n", "argocd", file, "--manifest-namespace", "argocd"
        ])
        #expect(given.status == 0, "\(given.stdout)\(given.stderr)")
        #expect(!given.stderr.contains("no metadata.namespace"))
        let scan = try CLI.run(["scan", file, "--namespace", "argocd", "--format", "json"])
        #expect(!scan.stderr.contains("no metadata.namespace"))
    }
}
