import Foundation
import Yams

/// Why connecting to a cluster failed, in one line (never with a secret in it).
public struct KubeClientError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// How to reach and authenticate to one API server, resolved from a kubeconfig context or the in-cluster
/// service account.
public struct ClusterConnection: Sendable {
    public enum Credential: Sendable {
        case none
        case token(String)
        /// Read at each connection: the file may be rotated (projected service account tokens).
        case tokenFile(String)
        case exec(ExecPlugin)
    }

    public var name: String
    public var server: URL
    public var caPEM: [UInt8]?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?
    public var credential: Credential
}

/// An exec credential plugin (`aws eks get-token`, `gke-gcloud-auth-plugin`), as the kubeconfig names it.
public struct ExecPlugin: Sendable {
    public var command: String
    public var args: [String]
    public var env: [String: String]
    public var apiVersion: String
    /// The kubeconfig's directory: a relative command path is resolved against it.
    public var baseDirectory: String
}

/// kubeconfig files: `--kubeconfig`, else every file in `KUBECONFIG` merged (the first to set a name or
/// current-context wins, as kubectl merges), else `~/.kube/config`.
public enum Kubeconfig {
    struct NamedEntry {
        var node: Node
        var directory: String
    }

    struct Merged {
        var clusters: [String: NamedEntry] = [:]
        var users: [String: NamedEntry] = [:]
        var contexts: [String: NamedEntry] = [:]
        var currentContext: String?
        var files: [String] = []
    }

    public static func files(explicit: String?, environment: [String: String]) -> [String] {
        if let explicit { return [explicit] }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            return list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return [(home as NSString).appendingPathComponent(".kube/config")]
    }

    /// The connection for `context` (default: current-context), or the in-cluster service account when
    /// no kubeconfig exists and the pod environment says so.
    public static func connection(
        kubeconfig: String?, context: String?, environment: [String: String],
        serviceAccountDirectory: String = "/var/run/secrets/kubernetes.io/serviceaccount"
    ) throws -> ClusterConnection {
        let paths = files(explicit: kubeconfig, environment: environment)
        let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
        if existing.isEmpty {
            if kubeconfig == nil, let host = environment["KUBERNETES_SERVICE_HOST"] {
                return try inCluster(host: host, port: environment["KUBERNETES_SERVICE_PORT"] ?? "443", directory: serviceAccountDirectory)
            }
            throw KubeClientError("No kubeconfig at \(paths.joined(separator: ", ")) and not running in a cluster")
        }
        let merged = try merge(existing)
        guard let contextName = context ?? merged.currentContext else {
            throw KubeClientError("No --context given and no current-context in \(existing.joined(separator: ", "))")
        }
        guard let contextEntry = merged.contexts[contextName] else {
            throw KubeClientError("Context '\(contextName)' is not in \(existing.joined(separator: ", "))")
        }
        let clusterName = contextEntry.node["context"]?["cluster"]?.string ?? ""
        let userName = contextEntry.node["context"]?["user"]?.string ?? ""
        guard let cluster = merged.clusters[clusterName] else {
            throw KubeClientError("Context '\(contextName)' names cluster '\(clusterName)', which is not defined")
        }
        let user = merged.users[userName]
        if !userName.isEmpty && user == nil {
            throw KubeClientError("Context '\(contextName)' names user '\(userName)', which is not defined")
        }
        return try connection(name: contextName, cluster: cluster, user: user)
    }

    static func merge(_ paths: [String]) throws -> Merged {
        var merged = Merged()
        for path in paths {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw KubeClientError("\(path): cannot read kubeconfig")
            }
            let root: Node?
            do {
                root = try Yams.compose(yaml: text)
            } catch {
                throw KubeClientError("\(path): not a valid kubeconfig (\(error))".split(separator: "\n").first.map(String.init) ?? path)
            }
            guard let root else { continue }
            let directory = (path as NSString).deletingLastPathComponent
            merged.files.append(path)
            for (key, keyPath) in [("clusters", \Merged.clusters), ("users", \Merged.users), ("contexts", \Merged.contexts)] {
                for entry in root[key]?.array() ?? [] {
                    guard let name = entry["name"]?.string, merged[keyPath: keyPath][name] == nil else { continue }
                    merged[keyPath: keyPath][name] = NamedEntry(node: entry, directory: directory)
                }
            }
            if merged.currentContext == nil, let current = root["current-context"]?.string, !current.isEmpty {
                merged.currentContext = current
            }
        }
        return merged
    }

    static func connection(name: String, cluster: NamedEntry, user: NamedEntry?) throws -> ClusterConnection {
        let clusterNode = cluster.node["cluster"]
        guard let serverText = clusterNode?["server"]?.string, let server = URL(string: serverText), server.scheme != nil else {
            throw KubeClientError("Cluster of context '\(name)' has no valid server URL")
        }
        let insecure = clusterNode?["insecure-skip-tls-verify"]?.bool ?? false
        let ca = try material(
            data: clusterNode?["certificate-authority-data"]?.string, file: clusterNode?["certificate-authority"]?.string,
            directory: cluster.directory, what: "certificate-authority")
        let userNode = user?.node["user"]
        let directory = user?.directory ?? cluster.directory
        let certificate = try material(
            data: userNode?["client-certificate-data"]?.string, file: userNode?["client-certificate"]?.string,
            directory: directory, what: "client-certificate")
        let key = try material(
            data: userNode?["client-key-data"]?.string, file: userNode?["client-key"]?.string,
            directory: directory, what: "client-key")
        if (certificate == nil) != (key == nil) {
            throw KubeClientError("User of context '\(name)' has a client certificate without a key, or a key without a certificate")
        }
        var credential = ClusterConnection.Credential.none
        if let token = userNode?["token"]?.string, !token.isEmpty {
            credential = .token(token)
        } else if let file = userNode?["tokenFile"]?.string, !file.isEmpty {
            credential = .tokenFile(resolve(file, in: directory))
        } else if let exec = userNode?["exec"], let command = exec["command"]?.string {
            var env: [String: String] = [:]
            for entry in exec["env"]?.array() ?? [] {
                if let key = entry["name"]?.string { env[key] = entry["value"]?.string ?? "" }
            }
            credential = .exec(
                ExecPlugin(
                    command: command, args: exec["args"]?.array().compactMap(\.string) ?? [], env: env,
                    apiVersion: exec["apiVersion"]?.string ?? "client.authentication.k8s.io/v1",
                    baseDirectory: directory))
        }
        return ClusterConnection(
            name: name, server: server, caPEM: ca, insecureSkipTLSVerify: insecure,
            tlsServerName: clusterNode?["tls-server-name"]?.string,
            clientCertificatePEM: certificate, clientKeyPEM: key, credential: credential)
    }

    /// `*-data` is base64 of the PEM; a file path is relative to the kubeconfig that names it.
    static func material(data: String?, file: String?, directory: String, what: String) throws -> [UInt8]? {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw KubeClientError("\(what)-data is not base64")
            }
            return Array(decoded)
        }
        if let file, !file.isEmpty {
            let path = resolve(file, in: directory)
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw KubeClientError("Cannot read \(what) file \(path)")
            }
            return Array(contents)
        }
        return nil
    }

    static func resolve(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") || directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path)
    }

    /// Inside a pod: the API server from the service environment, the mounted token and CA.
    public static func inCluster(host: String, port: String, directory: String) throws -> ClusterConnection {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        guard let server = URL(string: "https://\(hostPart):\(port)") else {
            throw KubeClientError("Invalid KUBERNETES_SERVICE_HOST '\(host)'")
        }
        let tokenPath = (directory as NSString).appendingPathComponent("token")
        guard FileManager.default.fileExists(atPath: tokenPath) else {
            throw KubeClientError("In-cluster: no service account token at \(tokenPath)")
        }
        let ca = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent("ca.crt")).map(Array.init)
        return ClusterConnection(
            name: "in-cluster", server: server, caPEM: ca, insecureSkipTLSVerify: false, tlsServerName: nil,
            clientCertificatePEM: nil, clientKeyPEM: nil, credential: .tokenFile(tokenPath))
    }
}
