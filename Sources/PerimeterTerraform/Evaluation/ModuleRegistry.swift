import Foundation
import PerimeterModel

/// Fetches a module source that is neither a local path nor installed by `terraform init` (registry, Git,
/// HTTP). The Terraform target stays offline: the CLI injects an implementation only with --download-modules.
public protocol ModuleSourceResolver: Sendable {
    /// The local directory of the module that `source` (with a registry `version` constraint) names; the
    /// error's description says in words why there is none.
    func moduleDirectory(source: String, version: String?) throws -> String
    /// The root of the downloaded package that holds `directory`, if it is one: a downloaded module's own
    /// local calls (`./modules/x`) may read anywhere inside its package, though the cache is outside the scanned tree.
    func packageRoot(containing directory: String) -> String?
}

extension ModuleSourceResolver {
    public func packageRoot(containing directory: String) -> String? { nil }
}

/// Where `terraform init` installed remote modules: `.terraform/modules/modules.json` of the root directory.
struct ModuleRegistry {
    private var directories: [String: String] = [:]

    init(rootDirectory: String) {
        let manifest = PathNormalization.join(rootDirectory, ".terraform/modules/modules.json")
        guard let data = FileManager.default.contents(atPath: manifest),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let modules = json["Modules"] as? [[String: Any]]
        else { return }
        for module in modules {
            guard let key = module["Key"] as? String, let dir = module["Dir"] as? String, !key.isEmpty else { continue }
            directories[key] = PathNormalization.join(rootDirectory, dir)
        }
    }

    /// The installed directory of a module call, by its key: call names joined with dots (`eks.node_group`).
    func directory(forKey key: String) -> String? { directories[key] }
}
