import Foundation
import PerimeterModel

/// Finds the directories that hold Terraform configuration, skipping what tools install or hide.
enum TerraformDirectories {
    private static let skipped: Set<String> = [".terraform", ".git", "node_modules", ".build"]

    static func find(under path: String) -> [String] {
        let root = PathNormalization.normalize(path)
        // FileTree never follows a symlink out of the tree and walks a directory reached twice once,
        // so two symlinks to `.` end (they used to branch until the kernel's symlink limit).
        let listing = FileTree.walk(root) { $0.hasPrefix(".") || skipped.contains($0) }
        let configured = Set(
            listing.files.filter { $0.hasSuffix(".tf") || $0.hasSuffix(".tf.json") }.map { file in
                let parent = (file as NSString).deletingLastPathComponent
                return parent.isEmpty ? "." : parent
            })
        return listing.directories.filter { configured.contains($0) }.sorted()
    }
}
