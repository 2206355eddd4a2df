import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemRead = Glibc.read
#elseif canImport(Musl)
    private let systemRead = Musl.read
#elseif canImport(Darwin)
    private let systemRead = Darwin.read
#endif

/// Walks a directory tree the way a scanner of untrusted pull requests must: it never opens anything,
/// it only looks (`lstat`). Regular files come back to be read; FIFOs, sockets and devices are skipped
/// (opening a FIFO blocks forever); symlinks are followed only when they stay inside the tree, and a
/// directory or file reached twice (by device and inode) is walked once, so symlink loops end.
public enum FileTree {
    public struct Listing: Sendable {
        /// Regular files, as `root/relative/path`, in walk order (sorted within each directory).
        public var files: [String] = []
        /// Every directory walked, the root first.
        public var directories: [String] = []
        public var skipped: [SkippedInput] = []
    }

    /// What a path is, without opening it.
    public enum Kind: Equatable, Sendable {
        case regular(size: Int)
        case directory
        case special(SkippedInput.Reason)
        case missing
    }

    /// The kind of `path`, following a final symlink (`stat`).
    public static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        return kind(info)
    }

    /// `skip` names directories and files left out without a word (hidden ones, `node_modules`): they are
    /// never inputs.
    public static func walk(_ root: String, skip: (String) -> Bool = { _ in false }) -> Listing {
        var listing = Listing()
        guard let top = realPath(root) else { return listing }
        var seen = Set<FileID>()
        var rootInfo = stat()
        guard stat(root, &rootInfo) == 0 else { return listing }
        seen.insert(FileID(rootInfo))
        var pending = [root]
        while let directory = pending.popLast() {
            listing.directories.append(directory)
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory)
            } catch {
                listing.skipped.append(SkippedInput(path: directory, reason: .unreadable, detail: "cannot list the directory"))
                continue
            }
            var subdirectories: [String] = []
            for name in names.sorted() where !skip(name) {
                let path = directory == "." ? name : (directory.hasSuffix("/") ? directory + name : directory + "/" + name)
                var info = stat()
                guard lstat(path, &info) == 0 else {
                    listing.skipped.append(SkippedInput(path: path, reason: .unreadable, detail: String(cString: strerror(errno))))
                    continue
                }
                if (info.st_mode & S_IFMT) == S_IFLNK {
                    guard let target = realPath(path), stat(path, &info) == 0 else {
                        listing.skipped.append(SkippedInput(path: path, reason: .brokenSymlink))
                        continue
                    }
                    guard target == top || target.hasPrefix(top == "/" ? "/" : top + "/") else {
                        listing.skipped.append(SkippedInput(path: path, reason: .symlinkOutsideTree, detail: "points to '\(target)'"))
                        continue
                    }
                    if (info.st_mode & S_IFMT) == S_IFDIR, let here = realPath(directory),
                        here == target || here.hasPrefix(target == "/" ? "/" : target + "/")
                    {
                        listing.skipped.append(
                            SkippedInput(path: path, reason: .symlinkLoop, detail: "points to '\(target)', which holds it"))
                        continue
                    }
                }
                switch kind(info) {
                case .directory:
                    if seen.insert(FileID(info)).inserted {
                        subdirectories.append(path)
                    } else {
                        listing.skipped.append(SkippedInput(path: path, reason: .alreadyScanned))
                    }
                case .regular:
                    if seen.insert(FileID(info)).inserted {
                        listing.files.append(path)
                    } else {
                        listing.skipped.append(SkippedInput(path: path, reason: .alreadyScanned))
                    }
                case .special(let reason):
                    listing.skipped.append(SkippedInput(path: path, reason: reason))
                case .missing:
                    listing.skipped.append(SkippedInput(path: path, reason: .unreadable))
                }
            }
            // Depth first, in name order.
            pending += subdirectories.reversed()
        }
        return listing
    }

    public enum ReadFailure: Error, Sendable {
        case notRegular(SkippedInput.Reason)
        case tooLarge(size: Int)
        case unreadable(String)
    }

    /// The bytes of a regular file, at most `limit` of them (nil: no limit). Opened without blocking and
    /// checked after opening (`fstat`), so a FIFO or device put in a file's place is never read.
    public static func read(_ path: String, limit: Int? = nil, prefix: Int? = nil) -> Result<Data, ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        if case .special(let reason) = kind(info) { return .failure(.notRegular(reason)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.unreadable("is a directory")) }
        let size = Int(info.st_size)
        if let limit, prefix == nil, size > limit { return .failure(.tooLarge(size: size)) }
        let wanted = min(size, prefix ?? size)
        var data = Data(count: wanted)
        var total = 0
        while total < wanted {
            let count = data.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress!.advanced(by: total), wanted - total)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
            if count == 0 { break }
            total += count
        }
        if total < wanted { data.removeSubrange(total...) }
        return .success(data)
    }

    private struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private static func kind(_ info: stat) -> Kind {
        switch info.st_mode & S_IFMT {
        case S_IFREG: .regular(size: Int(info.st_size))
        case S_IFDIR: .directory
        case S_IFIFO: .special(.fifo)
        case S_IFSOCK: .special(.socket)
        default: .special(.device)
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
