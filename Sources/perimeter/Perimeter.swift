import ArgumentParser
import Foundation
import PerimeterBuildInfo

@main
struct Perimeter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perimeter",
        abstract: "Audit the network and identity perimeter of EKS and GKE clusters.",
        discussion: """
            perimeter reads Terraform (HCL and plan JSON), live AWS state, gcloud output, Kubernetes manifests and kubelet \
            files, and reports who can reach \
            the kubelet and the API server, naming the exact rule and line to change.
            """,
        version: PerimeterVersion.current,
        subcommands: [
            ScanCommand.self, CollectCommand.self, RBACCommand.self, DiffCommand.self, ProbeCommand.self, ChecksCommand.self,
            DebugCommand.self
        ],
        defaultSubcommand: ScanCommand.self
    )
}

extension Perimeter {
    /// Usage errors exit 2, as the output contract says (ArgumentParser's default is 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode {
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

enum PerimeterVersion {
    static let current = BuildInfo.description
}
