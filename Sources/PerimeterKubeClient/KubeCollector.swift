import Foundation
import PerimeterKubernetes
import PerimeterModel

/// Lists the objects perimeter needs from a live API server, page by page (limit/continue), and reads them
/// into a snapshot exactly as manifests are read.
public struct KubeCollector: Sendable {
    /// The lists to read: API path, and the kind of their items (list responses omit it).
    public static let lists: [(path: String, apiVersion: String, kind: String)] = [
        ("/apis/rbac.authorization.k8s.io/v1/clusterroles", "rbac.authorization.k8s.io/v1", "ClusterRole"),
        ("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
        ("/apis/rbac.authorization.k8s.io/v1/roles", "rbac.authorization.k8s.io/v1", "Role"),
        ("/apis/rbac.authorization.k8s.io/v1/rolebindings", "rbac.authorization.k8s.io/v1", "RoleBinding"),
        ("/api/v1/serviceaccounts", "v1", "ServiceAccount"),
        ("/api/v1/pods", "v1", "Pod"),
        ("/apis/apps/v1/deployments", "apps/v1", "Deployment"),
        ("/apis/apps/v1/daemonsets", "apps/v1", "DaemonSet"),
        ("/apis/apps/v1/statefulsets", "apps/v1", "StatefulSet"),
        ("/apis/batch/v1/cronjobs", "batch/v1", "CronJob"),
        ("/api/v1/namespaces/kube-system/configmaps?fieldSelector=metadata.name%3Daws-auth", "v1", "ConfigMap"),
        ("/apis/apiregistration.k8s.io/v1/apiservices", "apiregistration.k8s.io/v1", "APIService"),
        (
            "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations", "admissionregistration.k8s.io/v1",
            "ValidatingWebhookConfiguration"
        ),
        (
            "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations", "admissionregistration.k8s.io/v1",
            "MutatingWebhookConfiguration"
        )
    ]

    public let client: KubeAPIClient
    public let pageSize: Int
    public let maxPages: Int

    public init(client: KubeAPIClient, pageSize: Int = 500, maxPages: Int = 10_000) {
        self.client = client
        self.pageSize = pageSize
        self.maxPages = maxPages
    }

    public struct Result: Sendable {
        public var snapshot = Snapshot()
        /// A list the credentials may not read is a warning; an unreachable server or bad credentials an error.
        public var diagnostics: [Diagnostic] = []
        public var pages = 0
    }

    public func collect() async -> Result {
        var result = Result()
        let source = "kube:\(client.connection.name)"
        result.snapshot.sources = [source]
        for list in Self.lists {
            do {
                let items = try await listAll(list.path, result: &result)
                let document: [String: Any] = [
                    "apiVersion": "v1", "kind": "List",
                    "items": items.map { item -> [String: Any] in
                        var item = item
                        item["apiVersion"] = item["apiVersion"] ?? list.apiVersion
                        item["kind"] = item["kind"] ?? list.kind
                        return item
                    }
                ]
                let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
                var loaded = ManifestLoader.load(
                    text: String(decoding: data, as: UTF8.self), file: "\(source)\(list.path)", origin: .kubernetes)
                // Live objects are named by the API, not by a line in a file.
                loaded.snapshot.kubernetes = Self.withoutLocations(loaded.snapshot.kubernetes)
                loaded.snapshot.awsAuthConfigMaps = loaded.snapshot.awsAuthConfigMaps.map {
                    var map = $0
                    map.provenance.location = nil
                    return map
                }
                loaded.snapshot.sources = []
                result.snapshot.merge(loaded.snapshot)
                result.diagnostics += loaded.diagnostics
            } catch let error as ListError {
                result.diagnostics.append(error.diagnostic)
                if error.fatal { break }
            } catch {
                result.diagnostics.append(.error("\(list.path): \(error)", file: source))
                break
            }
        }
        return result
    }

    struct ListError: Error {
        var diagnostic: Diagnostic
        var fatal: Bool
    }

    /// Every item of a list, following `metadata.continue` until the server says it is done.
    func listAll(_ path: String, result: inout Result) async throws -> [[String: Any]] {
        var items: [[String: Any]] = []
        var token: String?
        let source = "kube:\(client.connection.name)"
        repeat {
            var query = path + (path.contains("?") ? "&" : "?") + "limit=\(pageSize)"
            if let token { query += "&continue=" + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token) }
            let response: KubeAPIClient.Response
            do {
                response = try await client.get(query)
            } catch let error as KubeClientError {
                throw ListError(diagnostic: .error(error.description, file: source), fatal: true)
            }
            result.pages += 1
            switch response.status {
            case 200: break
            case 401:
                throw ListError(
                    diagnostic: .error(
                        "\(path): 401 Unauthorized: the credentials of '\(client.connection.name)' were rejected", file: source),
                    fatal: true)
            case 403, 404:
                throw ListError(
                    diagnostic: .warning(
                        "\(path): \(response.status) \(response.status == 403 ? "Forbidden" : "Not Found"); skipped", file: source),
                    fatal: false)
            default:
                throw ListError(diagnostic: .error("\(path): HTTP \(response.status)", file: source), fatal: false)
            }
            guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
                throw ListError(diagnostic: .error("\(path): the response is not a JSON object", file: source), fatal: false)
            }
            items += object["items"] as? [[String: Any]] ?? []
            token = (object["metadata"] as? [String: Any])?["continue"] as? String
            if token?.isEmpty == true { token = nil }
            if result.pages > maxPages {
                throw ListError(diagnostic: .error("\(path): more than \(maxPages) pages; stopped", file: source), fatal: false)
            }
        } while token != nil
        return items
    }

    static func withoutLocations(_ objects: KubernetesObjects) -> KubernetesObjects {
        var objects = objects
        func strip(_ meta: inout KubeObjectMeta) { meta.provenance.location = nil }
        for index in objects.roles.indices { strip(&objects.roles[index].meta) }
        for index in objects.bindings.indices { strip(&objects.bindings[index].meta) }
        for index in objects.serviceAccounts.indices { strip(&objects.serviceAccounts[index]) }
        for index in objects.workloads.indices { strip(&objects.workloads[index].meta) }
        for index in objects.others.indices { strip(&objects.others[index]) }
        return objects
    }
}
