import ArgumentParser
import Foundation
import PerimeterAWS
import PerimeterModel

/// The options of a live AWS read, shared by `collect aws` and `scan --aws`.
struct AWSOptions: ParsableArguments {
    @Option(help: "The EKS cluster to read.")
    var cluster: String?

    @Option(help: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region).")
    var region: String?

    @Option(help: "Profile of ~/.aws/config and ~/.aws/credentials (default: AWS_PROFILE, then 'default').")
    var profile: String?

    @Option(
        name: .customLong("endpoint-url"), help: "Send every call to this URL, a VPC endpoint or a test server (default: AWS_ENDPOINT_URL)."
    )
    var endpointURL: String?

    @Option(help: "'cluster': the cluster's VPC and the VPCs peered with it; 'region': every VPC of the region.")
    var scope: AWSCollectionScope = .cluster

    @Option(help: "Seconds to wait for an answer before a call is retried.")
    var timeout: Double = 30

    @Option(name: .customLong("max-attempts"), help: "Attempts per call, retries on throttling, 5xx and timeouts included.")
    var maxAttempts: Int = 4

    @Option(help: "Calls in flight at once.")
    var concurrency: Int = 8

    func validate(requireCluster: Bool) throws {
        if requireCluster && (cluster ?? "").isEmpty { throw ValidationError("--cluster NAME is required to read AWS") }
        if let endpointURL, URL(string: endpointURL)?.host == nil {
            throw ValidationError("--endpoint-url must be a URL such as https://ec2.eu-west-1.amazonaws.com, not '\(endpointURL)'")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
        guard (1...10).contains(maxAttempts) else { throw ValidationError("--max-attempts must be between 1 and 10") }
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 64") }
    }

    /// `AWS_ENDPOINT_URL`, as the AWS CLI reads it; ignored when empty.
    private var environmentEndpoint: String? {
        ProcessInfo.processInfo.environment["AWS_ENDPOINT_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Collects, with a progress line on a terminal; a collection that cannot start is a one-line error, exit 2.
    func collect(reportingErrors: Bool = true) async throws -> Snapshot {
        let request = AWSCollectionRequest(
            cluster: cluster ?? "", scope: scope, region: region, profile: profile,
            client: AWSClientOptions(
                endpointURL: (endpointURL ?? environmentEndpoint).flatMap(URL.init(string:)), timeout: timeout,
                retry: RetryPolicy(maxAttempts: maxAttempts), maxConcurrentCalls: concurrency),
            toolVersion: PerimeterVersion.current)
        let showProgress = isatty(STDERR_FILENO) == 1
        let label = cluster ?? ""
        do {
            let snapshot = try await AWSCollector.collect(request) { step in
                if showProgress { FileHandle.standardError.write(Data("\u{1B}[2K\rcollecting \(label): \(step)".utf8)) }
            }
            if showProgress { FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8)) }
            return snapshot
        } catch let error as AWSCollectionError {
            if showProgress { FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8)) }
            guard reportingErrors else { throw error }
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// Collects for `scan --aws`: a collection that cannot start is an input error of the scan, not the end of it.
    func collectOrGap() async -> Result<Snapshot, Diagnostic> {
        do {
            return .success(try await collect(reportingErrors: false))
        } catch let error as AWSCollectionError {
            return .failure(.error("AWS not read: \(error.description)", file: "aws:\(cluster ?? "")"))
        } catch {
            return .failure(.error("AWS not read: \(error)", file: "aws:\(cluster ?? "")"))
        }
    }
}

extension AWSCollectionScope: ExpressibleByArgument {}
