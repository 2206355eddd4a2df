import Foundation
import PerimeterModel
import Testing

@testable import PerimeterAWS

/// Servers that answer badly, on 127.0.0.1: a body that trickles in, a body larger than the cap, headers
/// and then silence. Every call ends within its deadline, says why in words, and never spins a core.
@Suite(.serialized) struct NetworkLimitsTests {
    static let keys = AWSCredentials(accessKeyID: "AKIAPERIMETERTEST", secretAccessKey: "secret")

    static func client(_ server: LoopbackServer, timeout: TimeInterval, attempts: Int = 1, maxBytes: Int = 256 << 20) -> AWSClient {
        AWSClient(
            credentials: keys, region: "eu-west-1",
            options: AWSClientOptions(
                endpointURL: URL(string: server.url), timeout: timeout,
                retry: RetryPolicy(maxAttempts: attempts, baseDelay: 0.01), maxResponseBytes: maxBytes))
    }

    /// The call's error, its wall time and the CPU time this process spent meanwhile.
    static func measure(_ call: () async throws -> Void) async -> (error: AWSCallError?, seconds: Double, cpu: Double) {
        let started = Date()
        let cpuBefore = cpuSeconds()
        var failure: AWSCallError?
        do { try await call() } catch let error as AWSCallError { failure = error } catch { Issue.record("unexpected \(error)") }
        return (failure, Date().timeIntervalSince(started), cpuSeconds() - cpuBefore)
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    @Test func aTricklingBodyEndsAtTheDeadline() async throws {
        let server = try LoopbackServer(["misbehave", "trickle", "4000"])
        defer { server.stop() }
        let client = Self.client(server, timeout: 1)
        let result = await Self.measure { _ = try await client.query(.sts, "GetCallerIdentity") }
        let error = try #require(result.error)
        #expect(error.kind == .timeout)
        #expect(error.description == "sts:GetCallerIdentity: no answer from \(server.url) within 1 s", "\(error)")
        #expect(result.seconds < 3, "a 200 s trickle cut at 1 s: took \(result.seconds) s")
        print("AWS trickle: ended after \(String(format: "%.2f", result.seconds)) s")
    }

    @Test func aHugeBodyIsCutAtTheCapAndNotRetried() async throws {
        let server = try LoopbackServer(["misbehave", "huge", String(512 << 20)])
        defer { server.stop() }
        let client = Self.client(server, timeout: 20, attempts: 3, maxBytes: 1 << 20)
        let result = await Self.measure { _ = try await client.query(.sts, "GetCallerIdentity") }
        let error = try #require(result.error)
        #expect(error.description == "sts:GetCallerIdentity: the endpoint at 127.0.0.1:\(server.port) sent more than 1 MiB", "\(error)")
        #expect(error.attempts == 1, "the same answer would be as large again")
        #expect(!error.description.contains("NIO"))
        #expect(result.seconds < 5, "took \(result.seconds) s")
        print("AWS huge body: cut after \(String(format: "%.2f", result.seconds)) s")
    }

    @Test func aServerThatStallsAfterTheHeadersCostsNoCPU() async throws {
        let server = try LoopbackServer(["misbehave", "stall"])
        defer { server.stop() }
        let client = Self.client(server, timeout: 2, attempts: 2)
        let result = await Self.measure { _ = try await client.query(.sts, "GetCallerIdentity") }
        let error = try #require(result.error)
        #expect(error.kind == .timeout && error.attempts == 2, "\(error)")
        #expect(result.seconds >= 4 && result.seconds < 8, "two attempts of 2 s: \(result.seconds) s")
        #expect(result.cpu < 1.0, "waiting must not spin: \(result.cpu) s of CPU in \(result.seconds) s")
        print("AWS stall: \(String(format: "%.2f", result.seconds)) s wall, \(String(format: "%.3f", result.cpu)) s CPU")
    }

    /// `scan DIR --aws` with AWS failing: every finding of DIR is still reported, the AWS gap is an error, exit 2.
    @Test func scanWithFailingAWSKeepsTheDirectoryFindings() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-scan-aws-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(
            atPath: LoopbackServer.packageRoot.appendingPathComponent(
                "Tests/PerimeterChecksTests/Fixtures/checks/NET-001/trigger_ranges_protocols_ipv6.tf"
            ).path, toPath: directory + "/main.tf")
        let alone = try PerimeterCLI.run(["scan", directory, "--format", "json"], environment: isolatedEnvironment())
        struct Report: Decodable {
            struct Item: Decodable {
                var ruleId: String
                var resource: String
            }
            struct Problem: Decodable {
                var message: String
                var file: String?
            }
            var findings: [Item]
            var errors: [Problem]
        }
        let expected = try JSONDecoder().decode(Report.self, from: Data(alone.stdout.utf8)).findings.map { "\($0.ruleId) \($0.resource)" }
        #expect(expected.filter { $0.hasPrefix("NET-001") }.count == 4)

        for mode in [["silent"], ["misbehave", "stall"], ["misbehave", "trickle", "4000"]] {
            let server = try LoopbackServer(mode)
            defer { server.stop() }
            let started = Date()
            let scanned = try PerimeterCLI.run(
                [
                    "scan", directory, "--aws", "--cluster", "prod", "--region", "eu-west-1",
                    "--endpoint-url", server.url, "--timeout", "1", "--max-attempts", "1", "--format", "json"
                ],
                environment: isolatedEnvironment([
                    "AWS_ACCESS_KEY_ID": "AKIAPERIMETERTEST",
                    "AWS_SECRET_ACCESS_KEY": "secret"
                ]))
            let elapsed = Date().timeIntervalSince(started)
            #expect(scanned.status == 2, "\(mode): \(scanned.stderr)")
            let report = try JSONDecoder().decode(Report.self, from: Data(scanned.stdout.utf8))
            #expect(report.findings.map { "\($0.ruleId) \($0.resource)" } == expected, "\(mode): the directory's findings are kept")
            #expect(
                report.errors.contains { $0.file == "aws:prod" && $0.message.contains("AWS not read") && $0.message.contains("no answer") },
                "\(mode): \(report.errors)")
            #expect(scanned.stderr.contains("AWS not read"))
            #expect(elapsed < 15, "\(mode): \(elapsed) s")
            print("scan --aws against \(mode.joined(separator: " ")): exit \(scanned.status) after \(String(format: "%.2f", elapsed)) s")
        }
    }
}
