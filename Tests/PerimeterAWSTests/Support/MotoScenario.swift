import Foundation
import PerimeterAWS
import PerimeterModel

/// One moto_server for the whole test run, seeded on demand with `shared/fixtures/aws/seed_scenario.py`.
/// Only the serialized live suites use it, so seeding never races a collection.
actor MotoScenario {
    static let shared = MotoScenario()
    static let cluster = "eks-secure-infra-dev"
    static let region = "ap-northeast-2"

    private var server: LoopbackServer?
    private var seeded: String?
    private var summary: SeedSummary?

    /// The server's URL, started on first use.
    func url() throws -> String {
        if let server { return server.url }
        let started = try LoopbackServer(["moto"])
        server = started
        return started.url
    }

    /// Seeds (unless already in that state) and returns what the script created.
    func seed(after: Bool = false, scale: Int = 0) throws -> SeedSummary {
        let key = "\(after)-\(scale)"
        if seeded == key, let summary { return summary }
        let endpoint = try url()
        var arguments = ["python3", LoopbackServer.sharedDirectory.appendingPathComponent("fixtures/aws/seed_scenario.py").path, endpoint]
        if after { arguments.append("--after") }
        if scale > 0 { arguments += ["--scale", String(scale)] }
        let output = try runTool(arguments)
        let decoded = try JSONDecoder().decode(SeedSummary.self, from: Data(output.utf8))
        seeded = key
        summary = decoded
        return decoded
    }

    func stop() {
        server?.stop()
        server = nil
        seeded = nil
    }
}

/// The parts of the seed script's JSON summary the tests check against.
struct SeedSummary: Decodable, Sendable {
    struct Cluster: Decodable, Sendable {
        var name: String
        var cluster_security_group_id: String?
    }
    struct Nodegroup: Decodable, Sendable {
        var name: String
        var asg_name: String
        var launch_template_id: String
        var eks_managed_launch_template_id: String
        var instance_ids: [String]
        var instance_security_groups: [String]
    }
    struct Groups: Decodable, Sendable {
        var cluster: String
        var node: String?
        var vpn: String
    }
    struct Peering: Decodable, Sendable { var id: String }
    struct VPN: Decodable, Sendable {
        var instance_id: String
        var vpc_id: String
    }
    struct VPC: Decodable, Sendable { var vpc_id: String }
    struct Scale: Decodable, Sendable {
        var count: Int
        var vpc_ids: [String]
        var security_group_ids: [String]
        var instance_ids: [String]
    }

    var cluster: Cluster
    var nodegroup: Nodegroup
    var security_groups: Groups
    var peering: Peering?
    var vpn: VPN
    var eks_vpc: VPC
    var scale: Scale?
}

/// Dummy keys: moto accepts any signature unless signature checking is on.
let motoKeys = AWSCredentials(accessKeyID: "AKIAPERIMETERTEST", secretAccessKey: "perimeter-test-secret")

/// An environment with only the given AWS settings: no profile or config file of the machine leaks in.
func isolatedEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
    environment["AWS_CONFIG_FILE"] = "/nonexistent/perimeter-test-config"
    environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/perimeter-test-credentials"
    environment.merge(extra) { $1 }
    return environment
}

func motoEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
    isolatedEnvironment(
        ["AWS_ACCESS_KEY_ID": motoKeys.accessKeyID, "AWS_SECRET_ACCESS_KEY": motoKeys.secretAccessKey]
            .merging(extra) { $1 })
}

/// Collects the scenario cluster from `endpoint` in-process.
func collect(
    endpoint: String, cluster: String = MotoScenario.cluster, scope: AWSCollectionScope = .cluster, pageSize: Int = 1000,
    timeout: TimeInterval = 30, attempts: Int = 4, environment: [String: String]? = nil
) async throws -> Snapshot {
    let request = AWSCollectionRequest(
        cluster: cluster, scope: scope, region: MotoScenario.region,
        client: AWSClientOptions(
            endpointURL: URL(string: endpoint), timeout: timeout,
            retry: RetryPolicy(maxAttempts: attempts, baseDelay: 0.05, maxDelay: 0.5)),
        environment: environment ?? motoEnvironment(), pageSize: pageSize)
    return try await AWSCollector.collect(request)
}
