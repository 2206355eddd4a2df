import Foundation

/// Finds the directories that hold Terraform configuration, skipping what tools install or hide.
enum TerraformDirectories {
    private static let skipped: Set<String> = [".terraform", ".git", "node_modules", ".build"]

    static func find(under path: String) -> [String] {
        let root = PathNormalization.normalize(path)
        var found: [String] = []
        var pending = [root]
        let manager = FileManager.default
        while let directory = pending.popLast() {
            guard let names = try? manager.contentsOfDirectory(atPath: directory) else { continue }
            var hasConfiguration = false
            for name in names.sorted() {
                if name.hasSuffix(".tf") || name.hasSuffix(".tf.json") { hasConfiguration = true }
                guard !name.hasPrefix("."), !skipped.contains(name) else { continue }
                let child = PathNormalization.join(directory, name)
                var isDirectory: ObjCBool = false
                if manager.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue {
                    pending.append(child)
                }
            }
            if hasConfiguration { found.append(directory) }
        }
        return found.sorted()
    }
}
