import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Settings of one collection run's HTTP side.
public struct AWSClientOptions: Sendable {
    /// Every service at this URL (tests, VPC endpoints); nil: AWS's regional endpoints.
    public var endpointURL: URL?
    /// Seconds without an answer before a call is abandoned (and retried).
    public var timeout: TimeInterval
    public var retry: RetryPolicy
    public var maxConcurrentCalls: Int

    public init(endpointURL: URL? = nil, timeout: TimeInterval = 30, retry: RetryPolicy = RetryPolicy(),
                maxConcurrentCalls: Int = 8) {
        self.endpointURL = endpointURL
        self.timeout = timeout
        self.retry = retry
        self.maxConcurrentCalls = maxConcurrentCalls
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

/// Signs and sends read-only calls, with timeouts, bounded retries and bounded concurrency. Counts calls.
public final class AWSClient: Sendable {
    public let credentials: AWSCredentials
    public let region: String
    let options: AWSClientOptions
    private let session: URLSession
    private let limiter: ConcurrencyLimiter
    private let counter = CallCounter()

    public init(credentials: AWSCredentials, region: String, options: AWSClientOptions) {
        self.credentials = credentials
        self.region = region
        self.options = options
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = options.timeout
        configuration.timeoutIntervalForResource = options.timeout * 4
        configuration.httpMaximumConnectionsPerHost = options.maxConcurrentCalls
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        session = URLSession(configuration: configuration)
        limiter = ConcurrencyLimiter(limit: options.maxConcurrentCalls)
    }

    deinit { session.finishTasksAndInvalidate() }

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
        guard let host = base.host else { throw AWSCallError(operation: request.operation, kind: .transport, message: "endpoint \(base) has no host") }
        let basePath = base.path.hasSuffix("/") ? String(base.path.dropLast()) : base.path
        let path = basePath + request.path
        // An IPv6 literal keeps its brackets in the Host header and the URL.
        var hostHeader = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        if let port = base.port, !(base.scheme == "https" && port == 443) && !(base.scheme == "http" && port == 80) {
            hostHeader += ":\(port)"
        }
        var headers: [SigV4Signer.Header] = [("Host", hostHeader)]
        if let contentType = request.contentType { headers.append(("Content-Type", contentType)) }
        let signer = SigV4Signer(credentials: credentials, region: request.service.signingRegion(for: region),
                                 service: request.service.rawValue)
        let signed = signer.sign(method: request.method, path: path, query: request.query, headers: headers,
                                 body: request.body, date: Date())
        let queryText = request.query.isEmpty ? "" : "?" + SigV4Signer.canonicalQuery(request.query)
        guard let url = URL(string: "\(base.scheme ?? "https")://\(hostHeader)\(path)\(queryText)") else {
            throw AWSCallError(operation: request.operation, kind: .transport, message: "cannot build a URL for \(path)")
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: options.timeout)
        urlRequest.httpMethod = request.method
        for header in headers.dropFirst() + signed.headersToAdd { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        urlRequest.setValue("perimeter", forHTTPHeaderField: "User-Agent")
        if request.method != "GET" { urlRequest.httpBody = request.body }

        await limiter.acquire()
        counter.increment()
        let result: (Data, URLResponse)
        do {
            result = try await session.data(for: urlRequest)
            await limiter.release()
        } catch {
            await limiter.release()
            throw Self.transportError(error, operation: request.operation, timeout: options.timeout, url: base)
        }
        guard let http = result.1 as? HTTPURLResponse else {
            throw AWSCallError(operation: request.operation, kind: .transport, message: "no HTTP response")
        }
        if (200..<300).contains(http.statusCode) { return AWSResponse(status: http.statusCode, body: result.0) }
        var lowered: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { lowered[name.lowercased()] = value }
        }
        throw AWSCallError.from(operation: request.operation, status: http.statusCode, headers: lowered, body: result.0)
    }

    private static func transportError(_ error: Error, operation: String, timeout: TimeInterval, url: URL) -> AWSCallError {
        if let urlError = error as? URLError, urlError.code == .timedOut {
            return AWSCallError(operation: operation, kind: .timeout,
                                message: "no answer from \(url.absoluteString) within \(Self.seconds(timeout))")
        }
        let reason = (error as? URLError).map { "\($0.code)" } ?? ""
        // A URL the HTTP stack refuses will not get better on a retry.
        let permanent = (error as? URLError).map { [.badURL, .unsupportedURL].contains($0.code) } ?? false
        return AWSCallError(operation: operation, kind: permanent ? .other : .transport,
                            message: "cannot reach \(url.absoluteString): \(error.localizedDescription) \(reason)"
                                .trimmingCharacters(in: .whitespaces))
    }

    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}

/// A thread-safe counter.
final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
