import Foundation
import PerimeterModel
import Testing

@testable import PerimeterKubeClient

/// An API server that answers badly, on 127.0.0.1 (the misbehaving modes of the AWS tests' loopback
/// server script): each call ends within its deadline and says why in words, not in Swift types.
@Suite(.serialized) struct NetworkLimitsTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PerimeterAWSTests/Support/aws_test_server.py").path

    /// `misbehave HOW N`; stops when the returned closure is called.
    static func start(_ arguments: [String]) throws -> (port: Int, stop: () -> Void) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "misbehave"] + arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "misbehaving server did not start: \(text)"])
        }
        return (
            port,
            {
                try? input.fileHandleForWriting.close()
                let deadline = Date().addingTimeInterval(5)
                while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
        )
    }

    static func client(port: Int, timeout: Int64, maxBytes: Int = 256 << 20) throws -> KubeAPIClient {
        let connection = ClusterConnection(
            name: "loopback", server: URL(string: "http://127.0.0.1:\(port)")!, caPEM: nil,
            insecureSkipTLSVerify: false, tlsServerName: nil, clientCertificatePEM: nil,
            clientKeyPEM: nil, credential: .none)
        return try KubeAPIClient(connection: connection, environment: [:], timeoutSeconds: timeout, maxResponseBytes: maxBytes)
    }

    static func failure(of client: KubeAPIClient) async -> (message: String, seconds: Double) {
        let started = Date()
        do {
            _ = try await client.get("/api/v1/pods?limit=500")
            return ("no error", Date().timeIntervalSince(started))
        } catch {
            return ("\(error)", Date().timeIntervalSince(started))
        }
    }

    @Test func aTricklingBodyEndsAtTheDeadline() async throws {
        let server = try Self.start(["trickle", "4000"])
        defer { server.stop() }
        let client = try Self.client(port: server.port, timeout: 1)
        let result = await Self.failure(of: client)
        await client.shutdown()
        #expect(result.message == "GET 127.0.0.1/api/v1/pods: no answer within 1 s", "\(result.message)")
        #expect(result.seconds < 3, "a 200 s trickle, not retried: \(result.seconds) s")
        print("Kubernetes trickle: ended after \(String(format: "%.2f", result.seconds)) s")
    }

    @Test func aHugeBodyIsCutAtTheCap() async throws {
        let server = try Self.start(["huge", String(512 << 20)])
        defer { server.stop() }
        let client = try Self.client(port: server.port, timeout: 20, maxBytes: 1 << 20)
        let result = await Self.failure(of: client)
        await client.shutdown()
        #expect(
            result.message == "GET 127.0.0.1/api/v1/pods: the API server at 127.0.0.1:\(server.port) sent more than 1 MiB",
            "\(result.message)")
        #expect(!result.message.contains("NIOTooManyBytesError"))
        #expect(result.seconds < 5, "\(result.seconds) s")
        print("Kubernetes huge body: cut after \(String(format: "%.2f", result.seconds)) s")
    }

    @Test func aStallAfterTheHeadersEndsTheCollectionWithOneError() async throws {
        let server = try Self.start(["stall"])
        defer { server.stop() }
        let client = try Self.client(port: server.port, timeout: 1)
        let started = Date()
        let result = await KubeCollector(client: client).collect()
        await client.shutdown()
        let elapsed = Date().timeIntervalSince(started)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(
            errors.map(\.message) == ["GET 127.0.0.1/apis/rbac.authorization.k8s.io/v1/clusterroles: no answer within 1 s"],
            "\(result.diagnostics)")
        #expect(!result.diagnostics.contains { $0.message.contains("HTTPClientError") })
        #expect(elapsed < 4, "\(elapsed) s")
        print("Kubernetes stall: collection ended after \(String(format: "%.2f", elapsed)) s")
    }
}
