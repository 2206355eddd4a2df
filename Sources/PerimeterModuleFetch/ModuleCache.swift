import Foundation

/// Downloaded module packages, one directory per module and version: `<root>/<key>/package` holds the files,
/// `<root>/<key>/module.json` the directory inside it that the source selected. Entries are built in
/// `<root>/.staging` and renamed into place, so a reader never sees half a module. Nothing is written
/// outside the root.
struct ModuleCache: Sendable {
    struct Entry: Codable {
        var source: String
        var subdirectory: String?
    }

    let root: String

    /// `$XDG_CACHE_HOME/perimeter/modules`, else `~/.cache/perimeter/modules`.
    static func defaultRoot(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/perimeter/modules" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.cache/perimeter/modules"
    }

    func path(_ key: [String]) -> String {
        ([root] + key.map(Self.safeName)).joined(separator: "/")
    }

    /// The module directory of a cached entry, if it is there.
    func lookup(_ key: [String]) -> String? {
        let entryPath = path(key)
        guard let data = FileManager.default.contents(atPath: entryPath + "/module.json"),
            let entry = try? JSONDecoder().decode(Entry.self, from: data)
        else { return nil }
        return Self.join(entryPath + "/package", entry.subdirectory)
    }

    /// Versions cached under a registry module's key, as written.
    func versions(under key: [String]) -> [String] {
        let directory = path(key)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: directory + "/" + $0 + "/module.json") }
    }

    /// Builds an entry in a staging directory (`fill` gets the `package` directory and returns the selected
    /// subdirectory), then renames it into place atomically.
    func install(
        _ key: [String], source: String,
        fill: (_ staging: String, _ package: String) throws(ModuleFetchError) -> String?
    ) throws(ModuleFetchError) -> String {
        let manager = FileManager.default
        let staging = root + "/.staging/" + UUID().uuidString
        let package = staging + "/package"
        do {
            try manager.createDirectory(atPath: package, withIntermediateDirectories: true)
        } catch {
            throw .cache(path: root, reason: error.localizedDescription)
        }
        defer { try? manager.removeItem(atPath: staging) }
        let subdirectory = try fill(staging, package)
        let selected = Self.join(package, subdirectory)
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: selected, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingSubdirectory(source, subdirectory: subdirectory ?? ".")
        }
        let entry = Entry(source: source, subdirectory: subdirectory)
        let final = path(key)
        do {
            try JSONEncoder().encode(entry).write(to: URL(fileURLWithPath: staging + "/module.json"))
            for file in try manager.contentsOfDirectory(atPath: staging) where file != "package" && file != "module.json" {
                try manager.removeItem(atPath: staging + "/" + file)
            }
            try manager.createDirectory(atPath: (final as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw .cache(path: root, reason: error.localizedDescription)
        }
        if rename(staging, final) != 0 {
            // Another scan may have put the same entry in place first; theirs is as good as ours.
            if lookup(key) == nil {
                throw .cache(path: final, reason: String(cString: strerror(errno)))
            }
        }
        guard let installed = lookup(key) else { throw .cache(path: final, reason: "the entry vanished after it was written") }
        return installed
    }

    static func join(_ base: String, _ subdirectory: String?) -> String {
        guard let subdirectory, !subdirectory.isEmpty else { return base }
        return base + "/" + subdirectory
    }

    /// A name safe as one path component: letters, digits, `.`, `_`, `-`; never `.` or `..`.
    static func safeName(_ text: String) -> String {
        let mapped = String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") ? $0 : "_" })
        return mapped == "." || mapped == ".." || mapped.isEmpty ? "_" + mapped : mapped
    }

    /// A short stable hash (FNV-1a, 64 bits) to tell apart URLs whose safe names collide.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return String(value, radix: 16)
    }
}
