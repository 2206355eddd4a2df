import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PerimeterModel

/// Settings of one collection run's HTTP side.
public struct AWSClientOptions: Sendable {
    /// Every service at this URL (tests, VPC endpoints); nil: AWS's regional endpoints.
    public var endpointURL: URL?
    /// Seconds without an answer before a call is abandoned (and retried).
    public var timeout: TimeInterval
    public var retry: RetryPolicy
    public var maxConcurrentCalls: Int
    /// The most one answer may hold; more is cut off, with the limit in the error.
    public var maxResponseBytes: Int

    public init(
        endpointURL: URL? = nil, timeout: TimeInterval = 30, retry: RetryPolicy = RetryPolicy(),
        maxConcurrentCalls: Int = 8, maxResponseBytes: Int = 256 << 20
    ) {
        self.endpointURL = endpointURL
        self.timeout = timeout
        self.retry = retry
        self.maxConcurrentCalls = maxConcurrentCalls
        self.maxResponseBytes = maxResponseBytes
    }
}

/// One signed call: Query (form POST) or REST-JSON.
struct AWSRequest: Sendable {
    var service: AWSService
    /// `ec2:DescribeVpcs`, for messages.
    var operation: String
    var method: String
    /// Already percent-encoded, as sent.
    var path: String
    var query: [(String, String)] = []
    var body: Data = Data()
    var contentType: String?
}

struct AWSResponse: Sendable {
    var status: Int
    var body: Data
}

/// Signs and sends read-only calls, with a deadline on each whole call (connect, headers and body), a cap
/// on the size of an answer, bounded retries and bounded concurrency. Counts calls.
///
/// SwiftNIO's HTTP client, not URLSession: on Linux a URLSession task whose server stalls after the
/// headers kept a core busy, and cancelling one could hang.
public final class AWSClient: Sendable {
    public let credentials: AWSCredentials
    public let region: String
    let options: AWSClientOptions
    private let limiter: ConcurrencyLimiter
    private let counter = CallCounter()

    public init(credentials: AWSCredentials, region: String, options: AWSClientOptions) {
        self.credentials = credentials
        self.region = region
        self.options = options
        limiter = ConcurrencyLimiter(limit: options.maxConcurrentCalls)
    }

    /// HTTP requests sent, retries included.
    public var callCount: Int { counter.value }

    func send(_ request: AWSRequest) async throws -> AWSResponse {
        var attempt = 1
        while true {
            do {
                return try await sendOnce(request)
            } catch var error as AWSCallError {
                error.attempts = attempt
                guard error.isRetryable, attempt < options.retry.maxAttempts else { throw error }
                try await Task.sleep(nanoseconds: UInt64(options.retry.delay(afterAttempt: attempt) * 1_000_000_000))
                attempt += 1
            }
        }
    }

    private func sendOnce(_ request: AWSRequest) async throws -> AWSResponse {
        let base = options.endpointURL ?? request.service.defaultEndpoint(region: region)
        guard let host = base.host else {
            throw AWSCallError(operation: request.operation, kind: .transport, message: "endpoint \(base) has no host")
        }
        let basePath = base.path.hasSuffix("/") ? String(base.path.dropLast()) : base.path
        let path = basePath + request.path
        // An IPv6 literal keeps its brackets in the Host header and the URL.
        var hostHeader = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        if let port = base.port, !(base.scheme == "https" && port == 443) && !(base.scheme == "http" && port == 80) {
            hostHeader += ":\(port)"
        }
        var headers: [SigV4Signer.Header] = [("Host", hostHeader)]
        if let contentType = request.contentType { headers.append(("Content-Type", contentType)) }
        let signer = SigV4Signer(
            credentials: credentials, region: request.service.signingRegion(for: region),
            service: request.service.rawValue)
        let signed = signer.sign(
            method: request.method, path: path, query: request.query, headers: headers,
            body: request.body, date: Date())
        let queryText = request.query.isEmpty ? "" : "?" + SigV4Signer.canonicalQuery(request.query)
        guard let url = URL(string: "\(base.scheme ?? "https")://\(hostHeader)\(path)\(queryText)") else {
            throw AWSCallError(operation: request.operation, kind: .transport, message: "cannot build a URL for \(path)")
        }
        var httpRequest = HTTPClientRequest(url: url.absoluteString)
        httpRequest.method = HTTPMethod(rawValue: request.method)
        for header in headers.dropFirst() + signed.headersToAdd { httpRequest.headers.replaceOrAdd(name: header.name, value: header.value) }
        httpRequest.headers.replaceOrAdd(name: "User-Agent", value: "perimeter")
        if request.method != "GET" { httpRequest.body = .bytes(ByteBuffer(bytes: request.body)) }

        await limiter.acquire()
        counter.increment()
        let result: Result<AWSResponseWithHeaders, Error> = await Self.fetch(
            httpRequest, timeout: options.timeout,
            limit: options.maxResponseBytes)
        await limiter.release()
        let answer: AWSResponseWithHeaders
        switch result {
        case .success(let value): answer = value
        case .failure(let error):
            throw Self.transportError(
                error, operation: request.operation, timeout: options.timeout, url: base,
                limit: options.maxResponseBytes)
        }
        if (200..<300).contains(answer.status) { return AWSResponse(status: answer.status, body: answer.body) }
        throw AWSCallError.from(operation: request.operation, status: answer.status, headers: answer.headers, body: answer.body)
    }

    private struct AWSResponseWithHeaders: Sendable {
        var status: Int
        /// Lowercased names.
        var headers: [String: String]
        var body: Data
    }

    private struct CallDeadline: Error {}

    /// One call, headers and body, raced against the deadline: whichever ends first wins, the other is cancelled.
    private static func fetch(_ request: HTTPClientRequest, timeout: TimeInterval, limit: Int) async -> Result<
        AWSResponseWithHeaders, Error
    > {
        do {
            return .success(
                try await Deadline.run(seconds: timeout) {
                    let response = try await HTTPClient.shared.execute(request, timeout: .nanoseconds(Int64(timeout * 1_000_000_000)))
                    let body = try await response.body.collect(upTo: limit)
                    var headers: [String: String] = [:]
                    for (name, value) in response.headers { headers[name.lowercased()] = value }
                    return AWSResponseWithHeaders(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
                })
        } catch is Deadline.Exceeded {
            return .failure(CallDeadline())
        } catch {
            return .failure(error)
        }
    }

    private static func transportError(_ error: Error, operation: String, timeout: TimeInterval, url: URL, limit: Int) -> AWSCallError {
        let server = url.port.map { "\(url.host ?? ""):\($0)" } ?? (url.host ?? url.absoluteString)
        if error is CallDeadline || (error as? HTTPClientError).map({ [.readTimeout, .deadlineExceeded].contains($0) }) == true {
            return AWSCallError(
                operation: operation, kind: .timeout,
                message: "no answer from \(url.absoluteString) within \(Self.seconds(timeout))")
        }
        if error is NIOTooManyBytesError {
            // The same answer would be as large on a retry.
            return AWSCallError(operation: operation, kind: .other, message: "the endpoint at \(server) sent more than \(Self.size(limit))")
        }
        let reason: String
        switch error {
        case let error as HTTPClientError where error == .connectTimeout: reason = "no connection within 10 s"
        case let error as HTTPClientError where error == .remoteConnectionClosed: reason = "the server closed the connection"
        case let error as HTTPClientError
        where error == .invalidURL || error == .emptyHost || error == .unsupportedScheme(url.scheme ?? ""):
            return AWSCallError(
                operation: operation, kind: .other, message: "cannot reach \(url.absoluteString): not a URL perimeter can call")
        default:
            let text = "\(error)"
            reason = text.contains("efused") ? "connection refused" : AWSCallError.oneLine(text)
        }
        return AWSCallError(operation: operation, kind: .transport, message: "cannot reach \(url.absoluteString): \(reason)")
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0
            ? "\(bytes >> 20) MiB" : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }

    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}

/// A thread-safe counter.
final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
