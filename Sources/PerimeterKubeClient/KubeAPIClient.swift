import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// Read-only GETs against one API server: TLS with the cluster's CA (or none with
/// insecure-skip-tls-verify), client certificates, bearer tokens (static, file or exec plugin),
/// timeouts and bounded retries.
public final class KubeAPIClient: Sendable {
    public let connection: ClusterConnection
    private let client: HTTPClient
    private let token: String?
    private let requestTimeout: TimeAmount
    private let maxAttempts = 3

    public init(connection: ClusterConnection, environment: [String: String], timeoutSeconds: Int64 = 30) throws {
        self.connection = connection
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
        let base = connection.server.absoluteString.hasSuffix("/") ? String(connection.server.absoluteString.dropLast()) : connection.server.absoluteString
        var request = HTTPClientRequest(url: base + pathAndQuery)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "perimeter")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        var attempt = 0
        while true {
            attempt += 1
            do {
                let response = try await client.execute(request, timeout: requestTimeout)
                let body = try await response.body.collect(upTo: 256 << 20)
                let status = Int(response.status.code)
                if (status == 429 || status >= 500) && attempt < maxAttempts {
                    try await Task.sleep(nanoseconds: UInt64(attempt) * 200_000_000)
                    continue
                }
                return Response(status: status, body: Data(body.readableBytesView))
            } catch let error as KubeClientError {
                throw error
            } catch {
                if attempt < maxAttempts, !(error is NIOSSLError) {
                    try await Task.sleep(nanoseconds: UInt64(attempt) * 200_000_000)
                    continue
                }
                throw KubeClientError("GET \(connection.server.host ?? "")\(pathAndQuery.split(separator: "?").first ?? ""): \(Self.describe(error))")
            }
        }
    }

    static func describe(_ error: Error) -> String {
        let text = "\(error)"
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
