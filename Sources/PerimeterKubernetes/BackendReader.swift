import PerimeterModel
import Yams

/// Reads what the API server calls itself: APIService and webhook Services, Services' ports, and the
/// named container ports a Service's `targetPort` may refer to.
enum BackendReader {
    /// `spec.service` of an APIService; none when the API is served by the API server itself.
    static func apiService(_ node: Node, meta: KubeObjectMeta) -> [KubeAPIBackend] {
        guard let service = node["spec"]?["service"], let name = service["name"]?.string else { return [] }
        return [
            KubeAPIBackend(
                meta: meta, serviceNamespace: service["namespace"]?.string ?? "default", serviceName: name,
                servicePort: service["port"]?.int ?? 443)
        ]
    }

    /// Every webhook of a configuration that calls an in-cluster Service (not a URL).
    static func webhooks(_ node: Node, meta: KubeObjectMeta) -> [KubeAPIBackend] {
        (node["webhooks"]?.array() ?? []).compactMap { webhook in
            guard let service = webhook["clientConfig"]?["service"], let name = service["name"]?.string else { return nil }
            return KubeAPIBackend(
                meta: meta, webhook: webhook["name"]?.string, serviceNamespace: service["namespace"]?.string ?? "default",
                serviceName: name, servicePort: service["port"]?.int ?? 443)
        }
    }

    static func service(_ node: Node, meta: KubeObjectMeta) -> KubeService {
        let ports = (node["spec"]?["ports"]?.array() ?? []).compactMap { port -> KubeService.Port? in
            guard let number = port["port"]?.int else { return nil }
            return KubeService.Port(port: number, targetPort: port["targetPort"]?.string)
        }
        var selector: [String: String] = [:]
        for (key, value) in node["spec"]?["selector"]?.mapping ?? [:] {
            if let key = key.string { selector[key] = value.string ?? "" }
        }
        return KubeService(meta: meta, selector: selector, ports: ports)
    }

    /// `containers[].ports[]` with a name, by name.
    static func namedPorts(_ podSpec: Node?) -> [String: Int] {
        var ports: [String: Int] = [:]
        for container in podSpec?["containers"]?.array() ?? [] {
            for port in container["ports"]?.array() ?? [] {
                if let name = port["name"]?.string, let number = port["containerPort"]?.int { ports[name] = number }
            }
        }
        return ports
    }
}
