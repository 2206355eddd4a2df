import Foundation

/// Functions that read the module's files and handle paths. Relative paths are resolved against
/// `FunctionContext.baseDirectory` (Terraform resolves them against its working directory, which
/// is where the evaluator points `baseDirectory`).
enum FilesystemFunctions {
    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("file", .exactly(1)) { arguments in
            let (path, bytes) = try read(arguments)
            guard let text = EncodingFunctions.decodeUTF8(bytes) else {
                throw arguments.error("The contents of '\(path)' are not valid UTF-8; use filebase64 for binary files")
            }
            return .string(text)
        },
        FunctionDefinition("filebase64", .exactly(1)) { arguments in
            .string(Base64.encode(try read(arguments).bytes))
        },
        FunctionDefinition("fileexists", .exactly(1)) { arguments in
            let path = try arguments.string(0)
            let resolved = try confined(path, arguments)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
                return .bool(false)
            }
            guard !isDirectory.boolValue else { throw arguments.error("'\(path)' is a directory, not a file") }
            return .bool(true)
        },
        FunctionDefinition("fileset", .exactly(2)) { arguments in
            let directory = try confined(try arguments.string(0), arguments)
            let pattern = PathNames.clean(try arguments.string(1))
            let matcher = GlobPattern(pattern)
            var found: [Value] = []
            if let enumerator = FileManager.default.enumerator(atPath: directory) {
                while let relative = enumerator.nextObject() as? String {
                    var isDirectory: ObjCBool = false
                    let full = directory + "/" + relative
                    guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else {
                        continue
                    }
                    // A link that leads out of the tree is not listed: nothing outside is revealed.
                    guard arguments.context.confinement?.permits(full) ?? true else { continue }
                    if matcher.matches(relative) { found.append(.string(relative)) }
                }
            }
            return Value.makeSet(found) ?? .set([])
        },
        FunctionDefinition("templatefile", .exactly(2)) { arguments in
            let path = try arguments.string(0)
            let resolved = try confined(path, arguments)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw arguments.error("No template file exists at '\(path)'")
            }
            try checkReadable(path, resolved, arguments)
            let variables = try arguments.known(1)
            guard case .object = variables else { throw arguments.invalid(1, "a map of template variables is required") }
            return try arguments.context.renderTemplate(resolved, variables)
        },
        FunctionDefinition("basename", .exactly(1)) { arguments in
            .string(PathNames.basename(try arguments.string(0)))
        },
        FunctionDefinition("dirname", .exactly(1)) { arguments in
            .string(PathNames.dirname(try arguments.string(0)))
        },
        FunctionDefinition("abspath", .exactly(1)) { arguments in
            .string(PathNames.clean(resolve(try arguments.string(0), arguments.context)))
        },
        FunctionDefinition("pathexpand", .exactly(1)) { arguments in
            let path = try arguments.string(0)
            guard path.hasPrefix("~") else { return .string(path) }
            guard path == "~" || path.hasPrefix("~/") else {
                throw arguments.error("Cannot expand the home directory of another user in '\(path)'")
            }
            if arguments.context.confinement != nil {
                // HOME comes from the environment, and nothing from the environment may reach a report.
                return .unknown(Unknown(reason: "pathexpand() would read HOME from the environment, which perimeter does not"))
            }
            guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty else {
                return .unknown(Unknown(reason: "pathexpand() needs HOME, which is not set"))
            }
            return .string(home + path.dropFirst())
        }
    ]

    /// A relative path joined to the base directory (made absolute from the current directory).
    static func resolve(_ path: String, _ context: FunctionContext) -> String {
        if path.hasPrefix("/") { return path }
        var base = context.baseDirectory.isEmpty ? "." : context.baseDirectory
        if !base.hasPrefix("/") { base = FileManager.default.currentDirectoryPath + "/" + base }
        return PathNames.clean(base + "/" + path)
    }

    /// The resolved path, or an error when it leads outside the tree the evaluator confines reading to.
    static func confined(_ path: String, _ arguments: Arguments) throws -> String {
        let resolved = resolve(path, arguments.context)
        if let confinement = arguments.context.confinement, !confinement.permits(resolved) {
            throw arguments.error(
                "'\(path)' is outside the scanned tree '\(confinement.root)'; perimeter reads files only "
                    + "inside it (--allow-outside-files reads it anyway)")
        }
        return resolved
    }

    /// Only regular files within the size limit are read: a FIFO would block, a device or a huge file never end.
    static func checkReadable(_ path: String, _ resolved: String, _ arguments: Arguments) throws {
        // The attributes of what a symlink points to, not of the link.
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: FileConfinement.realPath(resolved)) else { return }
        // /dev/null is empty and harmless; any other device, FIFO or socket could block or never end.
        if let type = attributes[.type] as? FileAttributeType, type != .typeRegular, type != .typeDirectory,
            FileConfinement.realPath(resolved) != "/dev/null"
        {
            throw arguments.error("'\(path)' is not a regular file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let limit = arguments.context.maximumFileBytes
        if size > limit {
            throw arguments.error(
                "'\(path)' is \(size) bytes, more than the limit of \(limit) "
                    + "(raise it with --limit file-bytes=N)")
        }
    }

    private static func read(_ arguments: Arguments) throws -> (path: String, bytes: [UInt8]) {
        let path = try arguments.string(0)
        let resolved = try confined(path, arguments)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            throw arguments.error("No file exists at '\(path)'")
        }
        try checkReadable(path, resolved, arguments)
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: resolved) else {
            throw arguments.error("Cannot read '\(path)': it is a directory or unreadable")
        }
        return (path, [UInt8](data))
    }
}

/// Go's `path/filepath` name handling on Unix.
enum PathNames {
    /// Go's `Clean`: no repeated or trailing slashes, no `.`, `..` resolved where possible.
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    static func basename(_ path: String) -> String {
        if path.isEmpty { return "." }
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed == "/" { return "/" }
        if let slash = trimmed.lastIndex(of: "/") { return String(trimmed[trimmed.index(after: slash)...]) }
        return String(trimmed)
    }

    static func dirname(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = path[...slash]
        return clean(String(directory))
    }
}
