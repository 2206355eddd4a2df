import Foundation

/// The directory tree a root module's file functions and local module sources may read: the git
/// repository that holds the root module, or else the scanned directory that holds it, or else the
/// root module's own directory. Paths are compared after resolving symlinks, so a link that points
/// out of the tree is outside too. `--allow-outside-files` turns this off.
public struct FileConfinement: Sendable, Hashable {
    /// The tree's real path (symlinks resolved), without a trailing slash.
    public let root: String

    public init(root: String) {
        self.root = Self.realPath(root)
    }

    /// The tree for a root module directory, given the directories the scan was asked to read.
    public init(rootModule directory: String, treeRoots: [String]) {
        let module = Self.realPath(directory)
        if let repository = Self.repositoryRoot(containing: module) {
            root = repository
            return
        }
        let scanned = treeRoots.map(Self.realPath).filter { Self.isInside($0, module) }.min { $0.count < $1.count }
        root = scanned ?? module
    }

    /// Whether `path` (absolute) resolves to somewhere inside the tree.
    public func permits(_ path: String) -> Bool {
        Self.isInside(root, Self.realPath(path))
    }

    static func isInside(_ root: String, _ path: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }

    /// The nearest enclosing directory with a `.git` entry (a directory, or a file for worktrees).
    static func repositoryRoot(containing directory: String) -> String? {
        var current = directory
        while true {
            if FileManager.default.fileExists(atPath: current + "/.git") { return current }
            guard current != "/", !current.isEmpty else { return nil }
            current = PathNames.dirname(current)
        }
    }

    /// The path with every symlink resolved; for a path that does not exist, its longest existing
    /// ancestor is resolved and the rest appended, so `missing/../../etc` cannot slip past.
    static func realPath(_ path: String) -> String {
        var absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        absolute = PathNames.clean(absolute)
        var existing = absolute
        var rest: [String] = []
        while true {
            if let resolved = resolve(existing) {
                let joined = ([resolved == "/" ? "" : resolved] + rest.reversed()).joined(separator: "/")
                return joined.isEmpty ? "/" : PathNames.clean(joined)
            }
            guard existing != "/" else { return absolute }
            rest.append(PathNames.basename(existing))
            existing = PathNames.dirname(existing)
        }
    }

    private static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
