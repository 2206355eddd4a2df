import Foundation

/// Joins and normalizes paths without touching the file system, keeping relative paths relative
/// so that locations print the way the user wrote the input.
enum PathNormalization {
    static func join(_ base: String, _ relative: String) -> String {
        relative.hasPrefix("/") ? normalize(relative) : normalize(base + "/" + relative)
    }

    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path` as seen from `base`, the way Terraform prints `path.module` (`modules/eks`, `.`, `../shared`).
    static func relative(_ path: String, to base: String) -> String {
        let target = absolute(path).split(separator: "/")
        let origin = absolute(base).split(separator: "/")
        var common = 0
        while common < min(target.count, origin.count) && target[common] == origin[common] { common += 1 }
        let parts = Array(repeating: "..", count: origin.count - common) + target[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// An absolute, normalized path: relative ones are read from the process's working directory.
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? normalize(path) : join(FileManager.default.currentDirectoryPath, path)
    }
}
