/// A Service the API server itself calls: the backend of an aggregated APIService or of an admission
/// webhook. The control plane must reach the pods behind it on their target port (source document 001).
public struct KubeAPIBackend: Codable, Hashable, Sendable {
    /// The APIService or webhook configuration that names the Service.
    public var meta: KubeObjectMeta
    /// The webhook's own name inside a configuration; nil for an APIService.
    public var webhook: String?
    public var serviceNamespace: String
    public var serviceName: String
    /// `spec.service.port` / `clientConfig.service.port`; 443 when not written, as the API server defaults it.
    public var servicePort: Int

    public init(meta: KubeObjectMeta, webhook: String? = nil, serviceNamespace: String, serviceName: String, servicePort: Int = 443) {
        self.meta = meta
        self.webhook = webhook
        self.serviceNamespace = serviceNamespace
        self.serviceName = serviceName
        self.servicePort = servicePort
    }

    /// `APIService v1beta1.metrics.k8s.io`, `webhook 'tap.linkerd.io' of ValidatingWebhookConfiguration/linkerd-tap`.
    public var summary: String {
        webhook.map { "webhook '\($0)' of \(meta.resourceName)" } ?? meta.resourceName
    }
}

/// A Service: the pods it selects, and the pod port each of its ports forwards to.
public struct KubeService: Codable, Hashable, Sendable {
    public struct Port: Codable, Hashable, Sendable {
        public var port: Int
        /// A number or the name of a container port (`targetPort: https`); nil forwards to `port`.
        public var targetPort: String?

        public init(port: Int, targetPort: String? = nil) {
            self.port = port
            self.targetPort = targetPort
        }
    }

    public var meta: KubeObjectMeta
    public var selector: [String: String]
    public var ports: [Port]

    public init(meta: KubeObjectMeta, selector: [String: String], ports: [Port]) {
        self.meta = meta
        self.selector = selector
        self.ports = ports
    }
}
