import Foundation

/// Fetches module sources as `terraform init` does (registry, Git, HTTP archives) into a cache under the
/// user's cache directory, and answers the local directory to read. A module already in the cache is read
/// from there without touching the network; each source is fetched at most once per fetcher.
public final class ModuleFetcher: @unchecked Sendable {
    public struct Limits: Sendable {
        /// One HTTP call, start to end.
        public var requestTimeout: Double = 30
        /// One HTTP call with all its retries.
        public var totalTimeout: Double = 90
        public var attempts: Int = 3
        /// Before the second attempt; doubled for each one after.
        public var retryBackoff: Double = 0.5
        public var maxDownloadBytes: Int = 256 * 1_048_576
        /// One git, tar or unzip run.
        public var toolTimeout: Double = 300

        public init() {}
    }

    public let cacheDirectory: String
    private let cache: ModuleCache
    private let limits: Limits
    private let registry: RegistryClient
    private let lock = NSLock()
    private var resolved: [String: Result<String, ModuleFetchError>] = [:]

    public init(
        cacheDirectory: String? = nil, limits: Limits = Limits(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        let root =
            cacheDirectory.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? ModuleCache.defaultRoot(environment: environment)
        self.cacheDirectory = root
        cache = ModuleCache(root: root)
        self.limits = limits
        registry = RegistryClient(http: HTTPClient(limits: limits), environment: environment)
    }

    public static func defaultCacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        ModuleCache.defaultRoot(environment: environment)
    }

    /// The directory holding the module a `source` (and, for a registry address, a `version` constraint) names.
    public func moduleDirectory(source: String, version: String?) throws(ModuleFetchError) -> String {
        let key = source + "\u{0}" + (version ?? "")
        // One fetch at a time: parallel root modules calling the same module wait for the first fetch.
        lock.lock()
        defer { lock.unlock() }
        if let known = resolved[key] { return try known.get() }
        let result: Result<String, ModuleFetchError>
        do {
            result = .success(try fetch(source: source, version: version))
        } catch {
            result = .failure(error)
        }
        resolved[key] = result
        return try result.get()
    }

    /// The `package` directory of the cache entry that holds `directory`, if it is in this cache.
    public func packageRoot(containing directory: String) -> String? {
        let real = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        let root = URL(fileURLWithPath: cacheDirectory).resolvingSymlinksInPath().path
        guard real.hasPrefix(root + "/") else { return nil }
        var current = real
        while current.count > root.count {
            let parent = (current as NSString).deletingLastPathComponent
            if (current as NSString).lastPathComponent == "package", FileManager.default.fileExists(atPath: parent + "/module.json") {
                return current
            }
            current = parent
        }
        return nil
    }

    private func fetch(source: String, version: String?) throws(ModuleFetchError) -> String {
        let parsed = try ModuleSource.parse(source)
        switch parsed {
        case .registry(let address, let subdirectory):
            let constraints = try version.map { (text) throws(ModuleFetchError) in try VersionConstraints(parsing: text) }
            let directory = try registryModule(address, constraints: constraints)
            return try Self.select(directory, subdirectory, source: source)
        case .absolutePath(let path, let subdirectory):
            return try Self.select(path, subdirectory, source: source)
        default:
            let key = Self.cacheKey(parsed, source: source)
            if let cached = cache.lookup(key) { return try Self.select(cached, parsed.subdirectory, source: source) }
            let directory = try cache.install(key, source: source) { (staging, package) throws(ModuleFetchError) in
                try self.fetchPackage(parsed, source: source, staging: staging, package: package, hops: 0)
            }
            return try Self.select(directory, parsed.subdirectory, source: source)
        }
    }

    /// The cached version that fits, else the newest fitting one from the registry (`terraform init` without
    /// `-upgrade` also keeps what it installed).
    private func registryModule(_ address: RegistryAddress, constraints: VersionConstraints?) throws(ModuleFetchError) -> String {
        let moduleKey = ["registry", address.host, address.namespace, address.name, address.provider]
        let constraints = constraints ?? (try? VersionConstraints(parsing: ">= 0.0.0"))!
        let cached = cache.versions(under: moduleKey).compactMap(ModuleVersion.init)
        if let version = constraints.newest(of: cached), let directory = cache.lookup(moduleKey + [version.description]) {
            return directory
        }
        let base = try registry.modulesBase(host: address.host)
        let listed = try registry.versions(address, base: base)
        let available = listed.compactMap(ModuleVersion.init)
        guard let chosen = constraints.newest(of: available) else {
            throw .noMatchingVersion(
                module: address.description, constraint: constraints.description,
                available: available.sorted().map(\.description))
        }
        let location = try registry.location(address, version: chosen.description, base: base)
        let target = try ModuleSource.parse(location)
        if case .registry = target {
            throw .badResponse(url: location, reason: "the download location is another registry address")
        }
        return try cache.install(moduleKey + [chosen.description], source: location) { (staging, package) throws(ModuleFetchError) in
            let inner = try self.fetchPackage(target, source: location, staging: staging, package: package, hops: 0)
            return Self.joined(inner, target.subdirectory)
        }
    }

    /// Puts the package of a Git, archive or HTTP source into `package`; answers a subdirectory that an
    /// `X-Terraform-Get` redirect selected, if any.
    private func fetchPackage(
        _ source: ModuleSource, source text: String, staging: String, package: String,
        hops: Int
    ) throws(ModuleFetchError) -> String? {
        switch source {
        case .git(let url, let ref, _):
            try? FileManager.default.removeItem(atPath: package)
            try GitFetcher.fetch(url: url, ref: ref, into: package, timeout: limits.toolTimeout)
            return nil
        case .archive(let url, let kind, _):
            guard let address = URL(string: url) else { throw .unsupportedSource(text, reason: "not a URL") }
            let response = try HTTPClient(limits: limits).get(address)
            guard (200...299).contains(response.status) else { throw .http(url: url, status: response.status) }
            let archive = staging + "/download." + kind.rawValue
            do {
                try response.body.write(to: URL(fileURLWithPath: archive))
            } catch {
                throw .cache(path: staging, reason: error.localizedDescription)
            }
            try ArchiveExtractor.extract(archive, kind: kind, into: package, label: url, timeout: limits.toolTimeout)
            return nil
        case .http(let url, _):
            // A plain URL answers with where the module really is.
            // go-getter asks with `terraform-get=1`, which some servers need to answer with the header.
            guard hops < 3, var components = URLComponents(string: url) else {
                throw .unsupportedSource(text, reason: "too many 'X-Terraform-Get' redirects")
            }
            components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "terraform-get", value: "1")]
            guard let address = components.url else { throw .unsupportedSource(text, reason: "not a URL") }
            let response = try HTTPClient(limits: limits).get(address)
            guard (200...299).contains(response.status) else { throw .http(url: url, status: response.status) }
            guard let location = response.headers["x-terraform-get"], !location.isEmpty,
                let resolved = URL(string: location, relativeTo: response.url)?.absoluteString
            else {
                throw .unsupportedSource(text, reason: "it is not an archive (.tar.gz, .zip, ?archive=) and sends no 'X-Terraform-Get'")
            }
            let next = try ModuleSource.parse(location.contains("::") ? location : resolved)
            let inner = try fetchPackage(next, source: location, staging: staging, package: package, hops: hops + 1)
            return Self.joined(inner, next.subdirectory)
        case .registry, .absolutePath:
            throw .unsupportedSource(text, reason: "not a package source")
        }
    }

    /// A redirect's own selector first, then the one written before it (as go-getter joins them).
    private static func joined(_ inner: String?, _ outer: String?) -> String? {
        let parts = [inner, outer].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    private static func cacheKey(_ source: ModuleSource, source text: String) -> [String] {
        let (kind, url, ref): (String, String, String?) =
            switch source {
            case .git(let url, let ref, _): ("git", url, ref)
            case .archive(let url, _, _), .http(let url, _): ("http", url, nil)
            case .registry, .absolutePath: ("other", text, nil)
            }
        let readable = URL(string: url).map { ($0.host ?? "") + $0.path } ?? url
        let slug = String(readable.suffix(80))
        return [kind, slug + "-" + ModuleCache.hash(url + "#" + (ref ?? "")), ref ?? "default"]
    }

    /// The module directory inside a package; a selector may not climb out of it.
    private static func select(_ directory: String, _ subdirectory: String?, source: String) throws(ModuleFetchError) -> String {
        guard let subdirectory, !subdirectory.isEmpty else { return directory }
        if subdirectory.split(separator: "/").contains("..") {
            throw .unsupportedSource(source, reason: "the '//\(subdirectory)' selector climbs out of the package")
        }
        let path = directory + "/" + subdirectory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingSubdirectory(source, subdirectory: subdirectory)
        }
        return path
    }
}
