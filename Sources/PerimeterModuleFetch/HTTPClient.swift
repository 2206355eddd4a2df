import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

struct HTTPResponse: Sendable {
    var url: URL
    var status: Int
    /// Header names in lower case.
    var headers: [String: String]
    var body: Data
}

/// Blocking GETs with a whole-call timeout, a size cap and bounded retries with backoff. Module fetching
/// runs inside the synchronous evaluator, so the calls block; each waits on its own session.
struct HTTPClient: Sendable {
    var limits: ModuleFetcher.Limits
    var headers: [String: String] = [:]

    func get(_ url: URL) throws(ModuleFetchError) -> HTTPResponse {
        let deadline = Date().addingTimeInterval(limits.totalTimeout)
        var attempt = 1
        while true {
            let result = once(url, timeout: min(limits.requestTimeout, max(0.1, deadline.timeIntervalSinceNow)))
            switch result {
            case .success(let response) where !Self.isTransient(response.status):
                return response
            case .failure(let error) where !Self.isTransient(error):
                throw error
            default:
                break
            }
            let delay = limits.retryBackoff * pow(2, Double(attempt - 1))
            guard attempt < limits.attempts, deadline.timeIntervalSinceNow > delay + 0.1 else {
                switch result {
                case .success(let response): throw .http(url: url.absoluteString, status: response.status)
                case .failure(let error): throw error
                }
            }
            Thread.sleep(forTimeInterval: delay)
            attempt += 1
        }
    }

    private static func isTransient(_ status: Int) -> Bool { status == 429 || (500...599).contains(status) }

    private static func isTransient(_ error: ModuleFetchError) -> Bool {
        switch error {
        case .unreachable, .timedOut: return true
        default: return false
        }
    }

    private func once(_ url: URL, timeout: Double) -> Result<HTTPResponse, ModuleFetchError> {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpAdditionalHeaders = headers.merging(["User-Agent": "perimeter"]) { a, _ in a }
        let collector = BoundedCollector(limit: limits.maxDownloadBytes)
        let session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        let task = session.dataTask(with: request)
        task.resume()
        // URLSession's own timeout should end the call first; this is the backstop.
        if collector.done.wait(timeout: .now() + timeout + 2) == .timedOut {
            task.cancel()
            return .failure(.timedOut(what: "GET '\(url.absoluteString)'", seconds: timeout))
        }
        return collector.result(url: url, timeout: timeout)
    }
}

/// Gathers one response body, stopping once it passes the limit.
private final class BoundedCollector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let limit: Int
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var data = Data()
    private var response: HTTPURLResponse?
    private var failure: Error?
    private var tooLarge = false

    init(limit: Int) { self.limit = limit }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        lock.withLock { self.response = response as? HTTPURLResponse }
        if response.expectedContentLength > Int64(limit) {
            lock.withLock { tooLarge = true }
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over = lock.withLock { () -> Bool in
            self.data.append(data)
            if self.data.count > limit { tooLarge = true }
            return tooLarge
        }
        if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.withLock { failure = error }
        done.signal()
    }

    func result(url: URL, timeout: Double) -> Result<HTTPResponse, ModuleFetchError> {
        lock.withLock {
            let address = url.absoluteString
            if tooLarge { return .failure(.tooLarge(url: address, limit: limit)) }
            if let failure {
                let code = (failure as? URLError)?.code
                if code == .timedOut { return .failure(.timedOut(what: "GET '\(address)'", seconds: timeout)) }
                return .failure(.unreachable(url: address, reason: failure.localizedDescription))
            }
            guard let response else { return .failure(.unreachable(url: address, reason: "no response")) }
            var headers: [String: String] = [:]
            for (name, value) in response.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            return .success(HTTPResponse(url: response.url ?? url, status: response.statusCode, headers: headers, body: data))
        }
    }
}
