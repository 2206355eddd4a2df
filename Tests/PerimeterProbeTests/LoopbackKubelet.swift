import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import X509

/// A server on 127.0.0.1 that plays one kind of kubelet (or not) for the probe tests.
final class LoopbackServer: @unchecked Sendable {
    enum Behaviour: Sendable {
        /// The read-only port or an anonymous 10250: /healthz ok, /pods a PodList, /metrics kubelet metrics.
        case kubelet
        /// A kubelet that requires credentials: 401 everywhere.
        case unauthorized
        /// A web server that is not a kubelet: 200 with a page for every path.
        case website
        /// Accepts connections and never answers.
        case silent
    }

    let port: Int
    private let channel: Channel
    private let group: MultiThreadedEventLoopGroup
    /// Every path requested, in order (only GETs are expected).
    let requests = RequestLog()

    init(_ behaviour: Behaviour, tls: NIOSSLContext? = nil) async throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let log = requests
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    guard behaviour != .silent else { return }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Responder(behaviour: behaviour, log: log))
                }
            }
        channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    func stop() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }

    final class RequestLog: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String] = []
        func add(_ entry: String) { lock.withLock { entries.append(entry) } }
        var all: [String] { lock.withLock { entries } }
    }

    private final class Responder: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let behaviour: Behaviour
        let log: RequestLog

        init(behaviour: Behaviour, log: RequestLog) {
            self.behaviour = behaviour
            self.log = log
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .head(let head) = unwrapInboundIn(data) else { return }
            log.add("\(head.method) \(head.uri)")
            let (status, body) = answer(head.uri)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Length", value: String(body.utf8.count))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }

        private func answer(_ path: String) -> (HTTPResponseStatus, String) {
            switch behaviour {
            case .unauthorized:
                return (.unauthorized, "Unauthorized")
            case .website:
                return (.ok, "<html><body>hello</body></html>")
            case .silent:
                return (.ok, "")
            case .kubelet:
                switch path {
                case "/healthz": return (.ok, "ok")
                case "/pods": return (.ok, #"{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[]}"#)
                case "/metrics": return (.ok, "kubelet_running_pods 3\n")
                default: return (.notFound, "404 page not found")
                }
            }
        }
    }
}

/// A throwaway self-signed certificate, made when a test needs it, as a kubelet makes its own.
enum ThrowawayCertificate {
    static func serverContext() throws -> NIOSSLContext {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("kubelet-loopback") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-60), notValidAfter: now.addingTimeInterval(3600),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            // The probe does not verify kubelet certificates, so no names are needed.
            extensions: Certificate.Extensions(),
            issuerPrivateKey: .init(key))
        let pem = try certificate.serializeAsPEM().pemString
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(pem.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(key.pemRepresentation.utf8), format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }
}
