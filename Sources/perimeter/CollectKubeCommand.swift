import ArgumentParser
import Foundation
import PerimeterKubeClient
import PerimeterModel
import PerimeterScan

struct CollectKubeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kube",
        abstract: "Read RBAC, service accounts, workloads, aws-auth and webhooks from a Kubernetes API server into a snapshot.",
        discussion: """
            Credentials come from the kubeconfig (--kubeconfig, else KUBECONFIG with several files merged, else \
            ~/.kube/config): bearer token, token file, client certificate and key (data or file), exec plugins \
            such as `aws eks get-token`; or, inside a pod, the mounted service account. Only GET requests are made.

            Exit status: 0 collected; 2 the server could not be reached or the credentials were rejected (a list \
            the credentials may not read is a warning).

            Examples:
              perimeter collect kube -o cluster.json
              perimeter collect kube --context prod --kubeconfig ~/.kube/prod -o prod.json
              perimeter rbac who-can create pods prod.json
            """
    )

    @Option(help: "The kubeconfig file (default: KUBECONFIG, then ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context (default: current-context).")
    var context: String?

    @Option(name: .shortAndLong, help: "Write the snapshot here.")
    var output: String

    @Option(help: "Items per page (the list's limit parameter).")
    var pageSize: Int = 500

    @Option(help: "Timeout of each request, in seconds.")
    var timeout: Int = 30

    func validate() throws {
        guard pageSize > 0 else { throw ValidationError("--page-size must be positive") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let client: KubeAPIClient
        do {
            let connection = try Kubeconfig.connection(kubeconfig: kubeconfig, context: context, environment: environment)
            client = try KubeAPIClient(connection: connection, environment: environment, timeoutSeconds: Int64(timeout))
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let result = await KubeCollector(client: client, pageSize: pageSize).collect()
        await client.shutdown()
        for diagnostic in result.diagnostics {
            FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
        }
        let objects = result.snapshot.kubernetes
        do {
            try SnapshotFile.encode(result.snapshot).write(to: URL(fileURLWithPath: output))
        } catch {
            FileHandle.standardError.write(Data("error: cannot write '\(output)': \(error.localizedDescription)\n".utf8))
            throw ExitCode(2)
        }
        FileHandle.standardError.write(
            Data(
                "collected \(objects.roles.count) roles, \(objects.bindings.count) bindings, \(objects.serviceAccounts.count) service accounts, \(objects.workloads.count) workloads in \(result.pages) pages into \(output)\n"
                    .utf8))
        if result.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(2) }
    }
}
