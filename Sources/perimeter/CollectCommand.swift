import ArgumentParser
import Foundation
import PerimeterModel
import PerimeterScan

struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Read live cloud or cluster state, read-only, into a snapshot file that 'scan', 'rbac' and 'diff' take.",
        subcommands: [CollectAWSCommand.self, CollectKubeCommand.self]
    )
}

struct CollectAWSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aws",
        abstract: "Read an EKS cluster and its region's network (security groups, instances, routes, peering) from AWS.",
        discussion: """
            Only Describe/List/Get calls are made. Credentials come from the environment, --profile or AWS_PROFILE \
            (keys, credential_process, role_arn with source_profile). A call that fails after retries leaves a gap: \
            the snapshot is still written, the gap is reported, and the exit status is 2.

            Examples:
              perimeter collect aws --cluster prod --region eu-west-1 -o before.json
              perimeter scan before.json
            """
    )

    @OptionGroup var aws: AWSOptions

    @Option(name: .shortAndLong, help: "Write the snapshot here (default: standard output).")
    var output: String?

    func validate() throws { try aws.validate(requireCluster: true) }

    func run() async throws {
        let snapshot = try await aws.collect()
        let data = try SnapshotFile.encode(snapshot)
        if let output {
            do {
                try data.write(to: URL(fileURLWithPath: output))
            } catch {
                FileHandle.standardError.write(Data("error: cannot write '\(output)': \(error.localizedDescription)\n".utf8))
                throw ExitCode(2)
            }
        } else {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
        let gaps = SnapshotFile.gapDiagnostics(of: snapshot, file: nil)
        for gap in gaps { FileHandle.standardError.write(Data("\(gap)\n".utf8)) }
        if gaps.contains(where: { $0.severity == .error }) { throw ExitCode(2) }
    }
}
