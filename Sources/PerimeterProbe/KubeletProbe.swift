import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import PerimeterChecks
import PerimeterModel

/// What one endpoint answered.
public struct ProbeResult: Sendable {
    public enum Verdict: String, Sendable {
        /// The read-only port serves kubelet data without authentication.
        case readOnlyPortOpen = "read-only port answers"
        /// The authenticated port served kubelet data to a request without credentials.
        case anonymousAccess = "anonymous access allowed"
        /// 401 or 403 without credentials: as it should be.
        case authenticationRequired = "authentication required"
        /// Something answered, but not like a kubelet.
        case notKubelet = "not a kubelet"
        /// Refused, reset, timed out or TLS failed.
        case noAnswer = "no answer"
    }

    public var target: ProbeTarget
    public var verdict: Verdict
    /// What was asked and answered, one line each: `GET /pods -> 200 PodList`.
    public var exchanges: [String]
}

/// A bounded, read-only probe of kubelet ports: GET /healthz, /pods and /metrics only, at most three
/// requests per endpoint, without credentials; certificate verification is off because kubelets serve
/// self-signed certificates. Findings use the catalog's NODE-002 and NODE-003.
public struct KubeletProbe: Sendable {
    public var timeout: TimeAmount
    public var concurrency: Int
    /// Bytes read from a response body; enough to recognise a PodList or kubelet metrics.
    static let bodyLimit = 64 * 1024

    public init(timeout: TimeAmount = .seconds(5), concurrency: Int = 16) {
        self.timeout = timeout
        self.concurrency = max(1, concurrency)
    }

    public func probe(_ targets: [ProbeTarget]) async -> [ProbeResult] {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: timeout, read: timeout))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        var results: [Int: ProbeResult] = [:]
        await withTaskGroup(of: (Int, ProbeResult).self) { group in
            var next = 0
            // At most `concurrency` endpoints in flight.
            while next < min(concurrency, targets.count) {
                let index = next
                group.addTask { (index, await self.probe(targets[index], client: client)) }
                next += 1
            }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < targets.count {
                    let index = next
                    group.addTask { (index, await self.probe(targets[index], client: client)) }
                    next += 1
                }
            }
        }
        try? await client.shutdown()
        return targets.indices.compactMap { results[$0] }
    }

    /// Findings for the results that show an exposed kubelet.
    public static func findings(_ results: [ProbeResult]) -> [Finding] {
        results.compactMap { result in
            switch result.verdict {
            case .readOnlyPortOpen:
                return finding("NODE-002", result, message: "the kubelet read-only port on \(result.target) answers without authentication")
            case .anonymousAccess:
                return finding("NODE-003", result, message: "the kubelet on \(result.target) serves requests without credentials")
            case .authenticationRequired, .notKubelet, .noAnswer:
                return nil
            }
        }
    }

    private static func finding(_ id: String, _ result: ProbeResult, message: String) -> Finding? {
        guard let check = CheckRegistry.check(id: id) else { return nil }
        return check.finding(resource: result.target.description, location: nil, message: message, evidence: result.exchanges)
    }

    private struct Answer {
        var status: Int
        var body: String
        var isPodList: Bool { body.contains("\"PodList\"") }
        var isKubeletMetrics: Bool { body.contains("kubelet_") }
    }

    private func probe(_ target: ProbeTarget, client: HTTPClient) async -> ProbeResult {
        var exchanges: [String] = []
        func get(_ path: String) async -> Answer? {
            do {
                let answer = try await fetch(target.url(path), client: client)
                exchanges.append(
                    "GET \(path) -> \(answer.status)\(answer.isPodList ? " PodList" : answer.isKubeletMetrics ? " kubelet metrics" : "")")
                return answer
            } catch {
                exchanges.append("GET \(path) -> \(Self.describe(error))")
                return nil
            }
        }
        func result(_ verdict: ProbeResult.Verdict) -> ProbeResult { ProbeResult(target: target, verdict: verdict, exchanges: exchanges) }

        guard let health = await get("/healthz") else { return result(.noAnswer) }
        if health.status == 401 || health.status == 403 {
            // /healthz itself is protected: anonymous requests are not even authenticated.
            return result(.authenticationRequired)
        }
        guard let pods = await get("/pods") else { return result(.notKubelet) }
        if pods.status == 200 && pods.isPodList { return result(target.useTLS ? .anonymousAccess : .readOnlyPortOpen) }
        if pods.status == 401 || pods.status == 403 { return result(health.body.hasPrefix("ok") ? .authenticationRequired : .notKubelet) }
        guard let metrics = await get("/metrics") else { return result(.notKubelet) }
        if metrics.status == 200 && metrics.isKubeletMetrics { return result(target.useTLS ? .anonymousAccess : .readOnlyPortOpen) }
        if metrics.status == 401 || metrics.status == 403, health.body.hasPrefix("ok") { return result(.authenticationRequired) }
        return result(.notKubelet)
    }

    private func fetch(_ url: String, client: HTTPClient) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "perimeter-probe")
        let deadline = NIODeadline.now() + timeout
        let response = try await client.execute(request, deadline: deadline)
        var body = ByteBuffer()
        // Read only the start of the body; a node's /pods can be large.
        for try await var chunk in response.body {
            let room = Self.bodyLimit - body.readableBytes
            if room <= 0 { break }
            if let slice = chunk.readSlice(length: min(room, chunk.readableBytes)) { body.writeImmutableBuffer(slice) }
            if NIODeadline.now() > deadline { break }
        }
        return Answer(status: Int(response.status.code), body: String(buffer: body))
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "timed out"
            case .remoteConnectionClosed: return "connection closed"
            default: return "\(error)"
            }
        }
        if error is NIOSSLError { return "TLS failed (\(error))" }
        return String(describing: error).split(separator: "\n").first.map(String.init) ?? "error"
    }
}
