import Foundation

/// Unpacks a downloaded module archive with the system's tar or python3's zipfile, after reading its table
/// of contents: an entry that would land outside the destination (`..`, an absolute path, a link pointing
/// out, a path through a link) refuses the whole archive before anything is written.
enum ArchiveExtractor {
    struct Entry {
        enum Kind {
            case file, directory, special
            case symlink(String)
            case hardlink(String)
        }
        var name: String
        var kind: Kind
    }

    static func extract(
        _ archive: String, kind: ArchiveKind, into destination: String, label: String,
        timeout: Double
    ) throws(ModuleFetchError) {
        let entries = kind == .zip ? try zipEntries(archive, timeout: timeout) : try tarEntries(archive, timeout: timeout)
        try validate(entries, label: label)
        if kind == .zip {
            // zipfile writes links as plain files holding the target, so no link can point out.
            try ToolRunner.check(["python3", "-m", "zipfile", "-e", archive, destination], timeout: timeout)
        } else {
            try ToolRunner.check(
                ["tar", "-xf", archive, "-C", destination, "--no-same-owner", "--no-same-permissions"],
                timeout: timeout)
        }
        try checkLinks(under: destination, label: label)
    }

    static func validate(_ entries: [Entry], label: String) throws(ModuleFetchError) {
        var links: Set<String> = []
        for entry in entries {
            let name = try safeRelativePath(entry.name, label: label, entry: entry.name)
            if let through = links.first(where: { name.hasPrefix($0 + "/") }) {
                throw .unsafeArchive(label, entry: entry.name, reason: "is written through the link '\(through)'")
            }
            switch entry.kind {
            case .file, .directory: break
            case .special:
                throw .unsafeArchive(label, entry: entry.name, reason: "is a device or a pipe")
            case .hardlink(let target):
                _ = try safeRelativePath(target, label: label, entry: entry.name)
            case .symlink(let target):
                if target.hasPrefix("/") {
                    throw .unsafeArchive(label, entry: entry.name, reason: "links to the absolute path '\(target)'")
                }
                let parent = name.split(separator: "/").dropLast().joined(separator: "/")
                if resolvedEscapes(parent.isEmpty ? target : parent + "/" + target) {
                    throw .unsafeArchive(label, entry: entry.name, reason: "links to '\(target)', outside the module")
                }
                links.insert(name)
            }
        }
    }

    /// The entry's path without a leading `./`; refused when absolute or holding `..`.
    private static func safeRelativePath(_ path: String, label: String, entry: String) throws(ModuleFetchError) -> String {
        if path.hasPrefix("/") { throw .unsafeArchive(label, entry: entry, reason: "has an absolute path") }
        let parts = path.split(separator: "/").filter { $0 != "." }
        if parts.contains("..") { throw .unsafeArchive(label, entry: entry, reason: "climbs out with '..'") }
        return parts.joined(separator: "/")
    }

    private static func resolvedEscapes(_ path: String) -> Bool {
        var depth = 0
        for part in path.split(separator: "/") where part != "." {
            depth += part == ".." ? -1 : 1
            if depth < 0 { return true }
        }
        return false
    }

    private static func tarEntries(_ archive: String, timeout: Double) throws(ModuleFetchError) -> [Entry] {
        let names = try ToolRunner.check(["tar", "-tf", archive], timeout: timeout)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let lines = try ToolRunner.check(["tar", "-tvf", archive], timeout: timeout)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard names.count == lines.count else {
            throw .unsafeArchive(archive, entry: "?", reason: "has a table of contents tar cannot list consistently")
        }
        return zip(names, lines).map { name, line in
            let kind: Entry.Kind
            switch line.first {
            case "d": kind = .directory
            case "l": kind = .symlink(line.components(separatedBy: name + " -> ").last ?? "/")
            case "h": kind = .hardlink(line.components(separatedBy: name + " link to ").last ?? "/")
            case "-": kind = .file
            default: kind = .special
            }
            return Entry(name: name, kind: kind)
        }
    }

    private static func zipEntries(_ archive: String, timeout: Double) throws(ModuleFetchError) -> [Entry] {
        let script = """
            import sys, zipfile
            for i in zipfile.ZipFile(sys.argv[1]).infolist():
                mode = i.external_attr >> 16
                kind = "l" if (mode & 0o170000) == 0o120000 else ("d" if i.is_dir() else "-")
                print(kind + "\\t" + i.filename.replace("\\n", "?"))
            """
        let listing = try ToolRunner.check(["python3", "-c", script, archive], timeout: timeout)
        return listing.split(separator: "\n").map { line in
            let kind = line.first
            let name = String(line.dropFirst(2))
            // A zip link is extracted as a file, so only its name matters.
            return Entry(name: name, kind: kind == "d" ? .directory : .file)
        }
    }

    /// After extraction, every link must still resolve inside the destination.
    private static func checkLinks(under destination: String, label: String) throws(ModuleFetchError) {
        let root = URL(fileURLWithPath: destination).resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: destination) else { return }
        while let relative = walker.nextObject() as? String {
            let path = destination + "/" + relative
            guard (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil else { continue }
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            if resolved != root && !resolved.hasPrefix(root + "/") {
                throw .unsafeArchive(label, entry: relative, reason: "links outside the module")
            }
        }
    }
}
