import Foundation
import Yams

/// The namespace a manifest's namespaced objects get, as kubectl and kustomize decide it: a kustomization's
/// `namespace:` overrides what the objects say; `--namespace` (kubectl apply -n) fills only objects without one.
public struct ManifestNamespace: Hashable, Sendable {
    /// From a kustomization that lists the file (directly or through the directories it lists).
    public var kustomization: String?
    /// `--namespace`.
    public var given: String?

    public init(kustomization: String? = nil, given: String? = nil) {
        self.kustomization = kustomization
        self.given = given
    }
}

/// Finds the kustomizations that include manifest files and the namespace each sets.
public enum KustomizationNamespaces {
    static let names = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    /// Per file, the namespace of the outermost kustomization (up to a few directories up) whose
    /// `resources:` reach the file, as `kustomize build` of that directory would set it.
    public static func namespaces(for files: [String]) -> [String: String] {
        var cache: [String: Kustomization?] = [:]
        func kustomization(in directory: String) -> Kustomization? {
            if let cached = cache[directory] { return cached }
            let found = names.lazy.compactMap { Kustomization.read((directory as NSString).appendingPathComponent($0)) }.first
            cache[directory] = found
            return found
        }
        var result: [String: String] = [:]
        for file in files {
            var target = URL(fileURLWithPath: file).standardizedFileURL.path
            var ancestor = (target as NSString).deletingLastPathComponent
            var namespace: String?
            for _ in 0..<8 {
                let relative = String(target.dropFirst(ancestor.count).drop { $0 == "/" })
                if let found = kustomization(in: ancestor), found.resources.contains(relative) {
                    if let own = found.namespace { namespace = own }
                    target = ancestor
                }
                if ancestor == "/" || ancestor.isEmpty { break }
                ancestor = (ancestor as NSString).deletingLastPathComponent
            }
            if let namespace { result[file] = namespace }
        }
        return result
    }

    struct Kustomization {
        var namespace: String?
        /// `resources:` entries as file or directory names relative to the kustomization, without `./`.
        var resources: Set<String>

        static func read(_ path: String) -> Kustomization? {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), let node = try? Yams.compose(yaml: text) else { return nil }
            let entries = (node["resources"]?.array() ?? []) + (node["bases"]?.array() ?? [])
            let resources = entries.compactMap(\.string).map { entry -> String in
                var entry = entry
                while entry.hasPrefix("./") { entry.removeFirst(2) }
                while entry.hasSuffix("/") { entry.removeLast() }
                return entry
            }
            let namespace = node["namespace"]?.string.flatMap { $0.isEmpty ? nil : $0 }
            return Kustomization(namespace: namespace, resources: Set(resources))
        }
    }
}
