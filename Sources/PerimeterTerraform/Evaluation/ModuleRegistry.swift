import Foundation
import PerimeterModel

/// Where `terraform init` installed remote modules: `.terraform/modules/modules.json` of the root directory.
struct ModuleRegistry {
    private var directories: [String: String] = [:]

    init(rootDirectory: String) {
        let manifest = PathNormalization.join(rootDirectory, ".terraform/modules/modules.json")
        guard let data = FileManager.default.contents(atPath: manifest),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let modules = json["Modules"] as? [[String: Any]] else { return }
        for module in modules {
            guard let key = module["Key"] as? String, let dir = module["Dir"] as? String, !key.isEmpty else { continue }
            directories[key] = PathNormalization.join(rootDirectory, dir)
        }
    }

    /// The installed directory of a module call, by its key: call names joined with dots (`eks.node_group`).
    func directory(forKey key: String) -> String? { directories[key] }
}
