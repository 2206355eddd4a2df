import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import PerimeterModel

/// Read-only GETs against one API server: TLS with the cluster's CA (or none with
/// insecure-skip-tls-verify), client certificates, bearer tokens (static, file or exec plugin),
/// timeouts and bounded retries.
public final class KubeAPIClient: Sendable {
    public let connection: ClusterConnection
    private let client: HTTPClient
    private let token: String?
    private let requestTimeout: TimeAmount
    private let timeoutSeconds: Int64
    /// The most one answer may hold; a server that sends more is cut off, with the limit in the error.
    public let maxResponseBytes: Int
    private let maxAttempts = 3

    /// `timeoutSeconds` bounds each whole call: connecting, the headers and the whole body (a body that
    /// trickles in byte by byte does not keep it alive).
    public init(
        connection: ClusterConnection, environment: [String: String], timeoutSeconds: Int64 = 30,
        maxResponseBytes: Int = 256 << 20
    ) throws {
        self.connection = connection
        self.timeoutSeconds = timeoutSeconds
        self.maxResponseBytes = maxResponseBytes
        var certificatePEM = connection.clientCertificatePEM
        var keyPEM = connection.clientKeyPEM
        switch connection.credential {
        case .none: token = nil
        case .token(let value): token = value
        case .tokenFile(let path):
            guard let data = FileManager.default.contents(atPath: path) else { throw KubeClientError("Cannot read token file \(path)") }
            token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        case .exec(let plugin):
            let credential = try ExecCredentialRunner.run(plugin, environment: environment)
            token = credential.token
            if let certificate = credential.clientCertificatePEM, let key = credential.clientKeyPEM {
                certificatePEM = certificate
                keyPEM = key
            }
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        if connection.insecureSkipTLSVerify {
            tls.certificateVerification = .none
        } else if let ca = connection.caPEM {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(ca))
            } catch {
                throw KubeClientError("The cluster CA of '\(connection.name)' is not a PEM certificate")
            }
        }
        if let certificatePEM, let keyPEM {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificatePEM).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: keyPEM, format: .pem))
            } catch {
                throw KubeClientError("The client certificate or key of '\(connection.name)' is not valid PEM")
            }
        }
        requestTimeout = .seconds(timeoutSeconds)
        let configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(min(10, timeoutSeconds)), read: .seconds(timeoutSeconds)))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    public struct Response: Sendable {
        public var status: Int
        public var body: Data
    }

    /// GET a path (with query) on the server. 429 and 5xx are retried with a growing pause; other
    /// statuses are returned to the caller.
    public func get(_ pathAndQuery: String) async throws -> Response {
        let base =
            connection.server.absoluteString.hasSuffix("/")
            ? String(connection.server.absoluteString.dropLast()) : connection.server.absoluteString
        var request = HTTPClientRequest(url: base + pathAndQuery)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "perimeter")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        var attempt = 0
        while true {
            attempt += 1
            do {
                let response = try await getOnce(request)
                if (response.status == 429 || response.status >= 500) && attempt < maxAttempts {
                    try await Task.sleep(nanoseconds: UInt64(attempt) * 200_000_000)
                    continue
                }
                return response
            } catch let error as KubeClientError {
                throw error
            } catch {
                // A deadline or a size cap would only be hit again; a handshake refusal too.
                let final =
                    error is NIOSSLError || error is NIOTooManyBytesError || error is CallDeadline
                    || (error as? HTTPClientError).map { [.readTimeout, .deadlineExceeded].contains($0) } == true
                if attempt < maxAttempts, !final {
                    try await Task.sleep(nanoseconds: UInt64(attempt) * 200_000_000)
                    continue
                }
                throw KubeClientError(
                    "GET \(connection.server.host ?? "")\(pathAndQuery.split(separator: "?").first ?? ""): \(describe(error))")
            }
        }
    }

    private struct CallDeadline: Error {}

    /// One GET, headers and body, raced against the deadline: whichever ends first wins and the other is cancelled.
    private func getOnce(_ request: HTTPClientRequest) async throws -> Response {
        let limit = maxResponseBytes
        do {
            return try await Deadline.run(seconds: Double(timeoutSeconds)) { [client, requestTimeout] in
                let response = try await client.execute(request, timeout: requestTimeout)
                let body = try await response.body.collect(upTo: limit)
                return Response(status: Int(response.status.code), body: Data(body.readableBytesView))
            }
        } catch is Deadline.Exceeded {
            throw CallDeadline()
        }
    }

    /// The server, as `host:port`, for messages.
    private var serverName: String {
        let host = connection.server.host ?? connection.server.absoluteString
        let port = connection.server.port ?? (connection.server.scheme == "http" ? 80 : 443)
        return "\(host):\(port)"
    }

    /// An error in words, never a Swift type name.
    func describe(_ error: Error) -> String {
        switch error {
        case is CallDeadline:
            return "no answer within \(timeoutSeconds) s"
        case is NIOTooManyBytesError:
            return "the API server at \(serverName) sent more than \(Self.size(maxResponseBytes))"
        case let error as HTTPClientError:
            switch error {
            case .readTimeout, .deadlineExceeded: return "no answer within \(timeoutSeconds) s"
            case .connectTimeout: return "cannot connect to \(serverName) within \(min(10, timeoutSeconds)) s"
            case .remoteConnectionClosed: return "the API server at \(serverName) closed the connection"
            case .cancelled: return "the call was cancelled"
            default: return "HTTP error talking to \(serverName): \(Self.describe(error))"
            }
        case let error as IOError:
            return "cannot connect to \(serverName): \(error.description)"
        default:
            let text = Self.describe(error)
            return text.contains("efused") ? "cannot connect to \(serverName): connection refused" : text
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0
            ? "\(bytes >> 20) MiB" : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }

    static func describe(_ error: Error) -> String {
        let text = "\(error)"
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
