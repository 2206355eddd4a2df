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

    public struct Resolution: Sendable {
        /// Per file, the namespace `kustomize build` gives its objects.
        public var namespaces: [String: String] = [:]
        /// Files that kustomizations with different namespaces include (a base under two overlays).
        public var conflicts: [String: [String]] = [:]
    }

    public static func namespaces(for files: [String]) -> [String: String] { resolve(files).namespaces }

    /// Kustomizations are those in the files' own and enclosing directories and those among the files
    /// (overlays beside a base: `resources: [../../base]`). Each top kustomization (one no other includes)
    /// is followed down its `resources:`; the outermost `namespace:` on the way wins, as kustomize's
    /// namespace transformer overrides the inner ones.
    public static func resolve(_ files: [String]) -> Resolution {
        var cache: [String: Kustomization?] = [:]
        func kustomization(in directory: String) -> Kustomization? {
            if let cached = cache[directory] { return cached }
            let found = names.lazy.compactMap { Kustomization.read((directory as NSString).appendingPathComponent($0)) }.first
            cache[directory] = found
            return found
        }
        let paths = files.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var candidates: [String] = []
        for path in paths {
            var directory = (path as NSString).deletingLastPathComponent
            if names.contains((path as NSString).lastPathComponent) { candidates.append(directory) }
            for _ in 0..<8 {
                if kustomization(in: directory) != nil { candidates.append(directory) }
                if directory == "/" || directory.isEmpty { break }
                directory = (directory as NSString).deletingLastPathComponent
            }
        }
        candidates = Array(Set(candidates)).sorted()
        // Which kustomization includes which.
        var children: [String: [String]] = [:]
        var included = Set<String>()
        for directory in candidates {
            for entry in kustomization(in: directory)?.resources ?? [] {
                let target = URL(fileURLWithPath: directory).appendingPathComponent(entry).standardizedFileURL.path
                if kustomization(in: target) != nil {
                    children[directory, default: []].append(target)
                    included.insert(target)
                }
            }
        }
        var found: [String: Set<String>] = [:]
        func walk(_ directory: String, inherited: String?, depth: Int) {
            guard depth < 16, let own = kustomization(in: directory) else { return }
            let effective = inherited ?? own.namespace
            for entry in own.resources {
                let target = URL(fileURLWithPath: directory).appendingPathComponent(entry).standardizedFileURL.path
                if kustomization(in: target) != nil {
                    walk(target, inherited: effective, depth: depth + 1)
                } else if let effective {
                    found[target, default: []].insert(effective)
                }
            }
        }
        for root in candidates where !included.contains(root) { walk(root, inherited: nil, depth: 0) }
        var resolution = Resolution()
        for (file, path) in zip(files, paths) {
            guard let namespaces = found[path]?.sorted(), let first = namespaces.first else { continue }
            resolution.namespaces[file] = first
            if namespaces.count > 1 { resolution.conflicts[file] = namespaces }
        }
        return resolution
    }

    struct Kustomization {
        var namespace: String?
        /// `resources:` entries as file or directory names relative to the kustomization, without `./`.
        var resources: Set<String>

        static func read(_ path: String) -> Kustomization? {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), let node = try? Yams.compose(yaml: text) else {
                return nil
            }
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
