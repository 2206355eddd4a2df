import Foundation
import PerimeterKubernetes
import PerimeterModel
import PerimeterRBAC
import Testing

@testable import PerimeterKubeClient

/// Live mode against a loopback HTTPS API server that serves the real bootstrap policy and the aws-auth
/// ConfigMap of aws-iam-authenticator's tests, and enforces bearer-token or client-certificate auth.
@Suite(.serialized) struct LiveCollectionTests {
    static let data = [
        "bootstrap-rbac/cluster-roles.yaml", "bootstrap-rbac/cluster-role-bindings.yaml",
        "bootstrap-rbac/namespace-roles.yaml", "bootstrap-rbac/namespace-role-bindings.yaml",
        "bootstrap-rbac/controller-roles.yaml", "bootstrap-rbac/controller-role-bindings.yaml",
        "aws-auth/aws-iam-authenticator-aws-auth.yaml"
    ]

    func collect(
        _ server: LoopbackAPIServer, kubeconfig: String?, context: String? = nil, environment: [String: String] = [:],
        pageSize: Int = 500, timeout: Int64 = 10
    ) async throws -> KubeCollector.Result {
        var env = ProcessInfo.processInfo.environment
        env["KUBECONFIG"] = nil
        env.merge(environment) { $1 }
        let connection = try Kubeconfig.connection(kubeconfig: kubeconfig, context: context, environment: env)
        let client = try KubeAPIClient(connection: connection, environment: env, timeoutSeconds: timeout)
        let result = await KubeCollector(client: client, pageSize: pageSize).collect()
        await client.shutdown()
        return result
    }

    func expectBootstrap(_ result: KubeCollector.Result) {
        let objects = result.snapshot.kubernetes
        #expect(objects.roles.filter(\.isClusterRole).count == 69)
        #expect(objects.roles.filter { !$0.isClusterRole }.count == 7)
        #expect(objects.bindings.count == 55)
        #expect(result.snapshot.awsAuthConfigMaps.count == 1)
        #expect(objects.roles.allSatisfy { $0.meta.provenance.origin == .kubernetes && $0.meta.provenance.location == nil })
        // Items come without kind; the collector restores it from the list.
        #expect(objects.roles.first { $0.meta.name == "admin" }?.aggregationSelectors?.isEmpty == false)
    }

    @Test func bearerTokenWithCAFileAndPagination() async throws {
        let server = try LoopbackAPIServer(data: Self.data)
        defer { server.stop() }
        let kubeconfig = try server.writeKubeconfig(
            """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: loop
              cluster:
                server: \(server.url)
                certificate-authority: ca.crt
            users:
            - name: dev-user
              user:
                token: \(server.token)
            contexts:
            - name: dev
              context: {cluster: loop, user: dev-user}
            """)
        let result = try await collect(server, kubeconfig: kubeconfig, pageSize: 10)
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        expectBootstrap(result)
        // 69 ClusterRoles in pages of 10: 7 requests, 6 of them carrying a continue token.
        let clusterRolePages = server.requests.filter { $0.hasPrefix("/apis/rbac.authorization.k8s.io/v1/clusterroles?") }
        #expect(clusterRolePages.count == 7)
        #expect(clusterRolePages.filter { $0.contains("continue=") }.count == 6)
        #expect(clusterRolePages.allSatisfy { $0.contains("limit=10") && $0.hasSuffix("auth=token") })
        #expect(server.requests.contains { $0.contains("fieldSelector=metadata.name%3Daws-auth") })

        // The live snapshot answers exactly as the same objects read from files, and survives a round trip.
        var offline = Snapshot()
        for file in Self.data {
            offline.merge(ManifestLoader.load(file: LoopbackAPIServer.sharedData.appendingPathComponent(file).path).snapshot)
        }
        let decoded = try JSONDecoder().decode(Snapshot.self, from: try JSONEncoder().encode(result.snapshot))
        let live = RBACAuthorizer(snapshot: decoded)
        let files = RBACAuthorizer(snapshot: offline)
        for (verb, resource, namespace) in [
            ("create", "pods", nil), ("get", "nodes/proxy", nil), ("escalate", "clusterroles", nil),
            ("update", "leases", "kube-system" as String?), ("get", "/healthz", nil)
        ] {
            let request = AccessRequest.parse(verb: verb, resource: resource, namespace: namespace, name: nil, apiGroup: nil)
            #expect(live.whoCan(request).map(\.subject) == files.whoCan(request).map(\.subject), "\(request)")
        }
        #expect(
            live.eks.principals.map(\.arn) == [
                "arn:aws:iam::555555555555:role/devel-worker-nodes-NodeInstanceRole-74RF4UBDUKL6",
                "arn:aws:iam::555555555555:user/admin"
            ])
    }

    @Test func clientCertificateAndCAAsData() async throws {
        let server = try LoopbackAPIServer(data: Self.data)
        defer { server.stop() }
        let kubeconfig = try server.writeKubeconfig(
            """
            apiVersion: v1
            kind: Config
            clusters:
            - name: loop
              cluster:
                server: \(server.url)
                certificate-authority-data: \(try server.base64("ca.crt"))
            users:
            - name: alice
              user:
                client-certificate-data: \(try server.base64("client.crt"))
                client-key-data: \(try server.base64("client.key"))
            contexts:
            - name: cert
              context: {cluster: loop, user: alice}
            """)
        let result = try await collect(server, kubeconfig: kubeconfig, context: "cert")
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        expectBootstrap(result)
        #expect(server.requests.allSatisfy { $0.hasSuffix("auth=cert") })
    }

    @Test func execPluginWithArgsAndEnvAcrossMergedKubeconfigs() async throws {
        let server = try LoopbackAPIServer(data: Self.data)
        defer { server.stop() }
        try FileManager.default.copyItem(
            atPath: LoopbackAPIServer.fixtures.appendingPathComponent("exec-plugin.sh").path,
            toPath: server.path("exec-plugin.sh"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: server.path("exec-plugin.sh"))
        // The token the server expects is "s3cr3t-UUID": the plugin prints "ARG-ENV".
        let parts = server.token.split(separator: "-", maxSplits: 1).map(String.init)
        let first = try server.writeKubeconfig(
            """
            apiVersion: v1
            kind: Config
            current-context: eks
            contexts:
            - name: eks
              context: {cluster: loop, user: eks-user}
            clusters:
            - name: loop
              cluster: {server: "\(server.url)", certificate-authority: ca.crt}
            """, name: "first.yaml")
        let second = try server.writeKubeconfig(
            """
            apiVersion: v1
            kind: Config
            current-context: ignored-because-the-first-file-sets-it
            clusters:
            - name: loop
              cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}
            users:
            - name: eks-user
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: ./exec-plugin.sh
                  args: ["--cluster-name", "\(parts[0])"]
                  env:
                  - {name: TOKEN_SUFFIX, value: "\(parts[1])"}
            """, name: "second.yaml")
        let result = try await collect(server, kubeconfig: nil, environment: ["KUBECONFIG": "\(first):\(second)"])
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        expectBootstrap(result)
        #expect(server.requests.allSatisfy { $0.hasSuffix("auth=token") })
    }

    @Test func insecureSkipTLSVerifyWithoutCA() async throws {
        let server = try LoopbackAPIServer(data: ["bootstrap-rbac/cluster-roles.yaml"])
        defer { server.stop() }
        let kubeconfig = try server.writeKubeconfig(
            """
            clusters: [{name: loop, cluster: {server: "\(server.url)", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {token: "\(server.token)"}}]
            contexts: [{name: c, context: {cluster: loop, user: u}}]
            current-context: c
            """)
        let result = try await collect(server, kubeconfig: kubeconfig)
        #expect(result.snapshot.kubernetes.roles.count == 31)
        // Lists the server does not have are warnings, not errors.
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func rejectedTokenIsOneClearErrorWithoutTheSecret() async throws {
        let server = try LoopbackAPIServer(data: ["bootstrap-rbac/cluster-roles.yaml"])
        defer { server.stop() }
        let kubeconfig = try server.writeKubeconfig(
            """
            clusters: [{name: loop, cluster: {server: "\(server.url)", certificate-authority: ca.crt}}]
            users: [{name: u, user: {token: "wrong-token-value"}}]
            contexts: [{name: c, context: {cluster: loop, user: u}}]
            current-context: c
            """)
        let result = try await collect(server, kubeconfig: kubeconfig)
        #expect(result.snapshot.kubernetes.roles.isEmpty)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("401") == true)
        #expect(!errors.description.contains("wrong-token-value"))
        #expect(server.requests.count == 1)
    }

    @Test func serverCertificateFromAnotherCAIsRefused() async throws {
        let server = try LoopbackAPIServer(data: ["bootstrap-rbac/cluster-roles.yaml"])
        defer { server.stop() }
        let kubeconfig = try server.writeKubeconfig(
            """
            clusters: [{name: loop, cluster: {server: "\(server.url)", certificate-authority: other-ca.crt}}]
            users: [{name: u, user: {token: "\(server.token)"}}]
            contexts: [{name: c, context: {cluster: loop, user: u}}]
            current-context: c
            """)
        let result = try await collect(server, kubeconfig: kubeconfig, timeout: 2)
        #expect(result.snapshot.kubernetes.roles.isEmpty)
        #expect(result.diagnostics.contains { $0.severity == .error })
        #expect(server.requests.isEmpty)
    }

    @Test func inClusterServiceAccount() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-sa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "token-from-projected-volume\n".write(to: directory.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        let connection = try Kubeconfig.connection(
            kubeconfig: nil, context: nil,
            environment: [
                "HOME": directory.path, "KUBERNETES_SERVICE_HOST": "10.100.0.1",
                "KUBERNETES_SERVICE_PORT": "443"
            ],
            serviceAccountDirectory: directory.path)
        #expect(connection.server.absoluteString == "https://10.100.0.1:443")
        guard case .tokenFile(let path) = connection.credential else {
            Issue.record("expected a token file")
            return
        }
        #expect(path == directory.appendingPathComponent("token").path)
    }

    @Test func kubeconfigErrorsAreClear() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-kc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("config").path
        try "contexts: [{name: a, context: {cluster: missing, user: u}}]\ncurrent-context: a\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: KubeClientError.self) { try Kubeconfig.connection(kubeconfig: path, context: nil, environment: [:]) }
        #expect(throws: KubeClientError.self) { try Kubeconfig.connection(kubeconfig: path, context: "nope", environment: [:]) }
        #expect(throws: KubeClientError.self) {
            try Kubeconfig.connection(kubeconfig: directory.appendingPathComponent("absent").path, context: nil, environment: [:])
        }
        do {
            _ = try Kubeconfig.connection(kubeconfig: path, context: nil, environment: [:])
        } catch {
            #expect("\(error)" == "Context 'a' names cluster 'missing', which is not defined")
        }
    }

    @Test func execPluginFailureNamesTheExitStatus() {
        let plugin = ExecPlugin(
            command: "/bin/sh", args: ["-c", "echo 'token expired' >&2; exit 7"], env: [:],
            apiVersion: "client.authentication.k8s.io/v1", baseDirectory: "/")
        do {
            _ = try ExecCredentialRunner.run(plugin, environment: ProcessInfo.processInfo.environment)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "Exec plugin '/bin/sh' exited with status 7: token expired")
        }
    }
}
