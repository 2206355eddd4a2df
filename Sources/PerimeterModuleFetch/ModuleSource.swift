import Foundation

/// A module registry address: `[hostname/]namespace/name/provider`.
public struct RegistryAddress: Hashable, Sendable, CustomStringConvertible {
    public static let defaultHost = "registry.terraform.io"
    public var host: String
    public var namespace: String
    public var name: String
    public var provider: String

    public var description: String {
        host == Self.defaultHost ? "\(namespace)/\(name)/\(provider)" : "\(host)/\(namespace)/\(name)/\(provider)"
    }
}

public enum ArchiveKind: String, Sendable, CaseIterable {
    case tarGz = "tar.gz"
    case tgz, tar
    case tarBz2 = "tar.bz2"
    case tbz2
    case tarXz = "tar.xz"
    case txz, zip
}

/// A non-local module source, parsed the way `terraform init` reads it.
public enum ModuleSource: Equatable, Sendable {
    case registry(RegistryAddress, subdirectory: String?)
    case git(url: String, ref: String?, subdirectory: String?)
    case archive(url: String, kind: ArchiveKind, subdirectory: String?)
    /// A plain HTTP URL: its `X-Terraform-Get` answer says where the module is.
    case http(url: String, subdirectory: String?)
    case absolutePath(String, subdirectory: String?)

    public var subdirectory: String? {
        switch self {
        case .registry(_, let sub), .git(_, _, let sub), .archive(_, _, let sub), .http(_, let sub), .absolutePath(_, let sub):
            return sub
        }
    }

    public static func parse(_ source: String) throws(ModuleFetchError) -> ModuleSource {
        if source.hasPrefix("./") || source.hasPrefix("../") {
            throw .unsupportedSource(source, reason: "a local path is read in place, not downloaded")
        }
        if let registry = registryAddress(source) { return registry }
        var rest = source
        var getter: String?
        if let range = rest.range(of: "::"), rest[..<range.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber }) {
            getter = rest[..<range.lowerBound].lowercased()
            rest = String(rest[range.upperBound...])
        }
        let (package, subdirectory) = splitSubdirectory(rest)
        switch getter {
        case "git"?: return try git(package, subdirectory: subdirectory, source: source)
        case "http"?, "https"?: return try http(package, subdirectory: subdirectory, source: source)
        case let other?:
            throw .unsupportedSource(source, reason: "the '\(other)::' getter is not supported (git, http and the registry are)")
        case nil: break
        }
        let lower = package.lowercased()
        if lower.hasPrefix("github.com/") || lower.hasPrefix("bitbucket.org/") {
            return try codeHost(package, subdirectory: subdirectory, source: source)
        }
        if lower.hasPrefix("git@") { return try git(package, subdirectory: subdirectory, source: source) }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            return try http(package, subdirectory: subdirectory, source: source)
        }
        if lower.hasPrefix("s3::") || lower.contains(".amazonaws.com/") || lower.hasPrefix("www.googleapis.com/storage") {
            throw .unsupportedSource(source, reason: "S3 and GCS buckets are not supported (git, http and the registry are)")
        }
        if package.hasPrefix("/") { return .absolutePath(package, subdirectory: subdirectory) }
        throw .unsupportedSource(source, reason: "not a registry address (namespace/name/provider), a Git or an HTTP URL")
    }

    /// A registry address, when the source is one; Terraform tries this reading first.
    private static func registryAddress(_ source: String) -> ModuleSource? {
        guard !source.contains("::"), !source.contains("?"), !source.contains("://") else { return nil }
        let (package, subdirectory) = splitSubdirectory(source)
        let parts = package.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 || parts.count == 4 else { return nil }
        let host = parts.count == 4 ? parts[0].lowercased() : RegistryAddress.defaultHost
        // Code hosts are read by their shorthands, never as registries.
        guard isHostname(host), host != "github.com", host != "bitbucket.org" else { return nil }
        let (namespace, name, provider) = (parts[parts.count - 3], parts[parts.count - 2], parts[parts.count - 1])
        guard isRegistryName(namespace), isRegistryName(name), !provider.isEmpty, provider.count <= 64,
            provider.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) })
        else { return nil }
        return .registry(RegistryAddress(host: host, namespace: namespace, name: name, provider: provider), subdirectory: subdirectory)
    }

    private static func isRegistryName(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last, text.count <= 64 else { return false }
        let alnum: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return alnum(first) && alnum(last) && text.allSatisfy { alnum($0) || $0 == "-" || $0 == "_" }
    }

    private static func isHostname(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        let pieces = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if pieces.count == 2, Int(pieces[1]) == nil { return false }
        return pieces[0].contains(".") || pieces[0] == "localhost"
            ? pieces[0].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
            : false
    }

    /// `https://host/repo.git//modules/eks?ref=v1` → (`https://host/repo.git?ref=v1`, `modules/eks`).
    static func splitSubdirectory(_ text: String) -> (String, String?) {
        var searchStart = text.startIndex
        if let scheme = text.range(of: "://") { searchStart = scheme.upperBound }
        let queryStart = text.firstIndex(of: "?") ?? text.endIndex
        guard searchStart <= queryStart, let split = text.range(of: "//", range: searchStart..<queryStart) else {
            return (text, nil)
        }
        let subdirectory = String(text[split.upperBound..<queryStart])
        let package = String(text[..<split.lowerBound]) + String(text[queryStart...])
        return (package, subdirectory.isEmpty ? nil : subdirectory)
    }

    private static func codeHost(_ package: String, subdirectory: String?, source: String) throws(ModuleFetchError) -> ModuleSource {
        let (path, query) = splitQuery(package)
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3 else {
            throw .unsupportedSource(source, reason: "a code host shorthand needs 'host/owner/repository'")
        }
        var repository = parts[2]
        if !repository.hasSuffix(".git") { repository += ".git" }
        // Extra path segments after the repository select a directory, as `//` would.
        let extra = parts.dropFirst(3).joined(separator: "/")
        let selected = [extra, subdirectory ?? ""].filter { !$0.isEmpty }.joined(separator: "/")
        let url = "https://\(parts[0].lowercased())/\(parts[1])/\(repository)" + (query.map { "?" + $0 } ?? "")
        return try git(url, subdirectory: selected.isEmpty ? nil : selected, source: source)
    }

    private static func git(_ package: String, subdirectory: String?, source: String) throws(ModuleFetchError) -> ModuleSource {
        var (url, query) = splitQuery(package)
        // `git@host:owner/repo.git` is SSH written the scp way.
        if url.hasPrefix("git@"), !url.contains("://"), let colon = url.firstIndex(of: ":") {
            url = "ssh://" + url[..<colon] + "/" + url[url.index(after: colon)...]
        }
        let scheme = url.range(of: "://").map { url[..<$0.lowerBound].lowercased() }
        guard let scheme, ["https", "http", "ssh", "file", "git"].contains(scheme) else {
            throw .unsupportedSource(source, reason: "a Git URL needs https://, ssh://, git:// or file://")
        }
        var ref: String?
        var kept: [String] = []
        for item in (query ?? "").split(separator: "&").map(String.init) {
            let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
            switch pair.first {
            case "ref"?: ref = pair.count > 1 ? pair[1].removingPercentEncoding ?? pair[1] : nil
            case "depth"?, "sshkey"?: continue
            default: kept.append(item)
            }
        }
        if let ref, ref.hasPrefix("-") || ref.isEmpty {
            throw .unsupportedSource(source, reason: "'ref=\(ref)' is not a Git reference")
        }
        let full = url + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        return .git(url: full, ref: ref, subdirectory: subdirectory)
    }

    private static func http(_ package: String, subdirectory: String?, source: String) throws(ModuleFetchError) -> ModuleSource {
        guard let components = URLComponents(string: package), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", components.host?.isEmpty == false
        else {
            throw .unsupportedSource(source, reason: "not an http:// or https:// URL")
        }
        var kept = components
        var kind: ArchiveKind?
        if let items = components.queryItems, let archive = items.first(where: { $0.name == "archive" }) {
            guard let named = ArchiveKind(rawValue: archive.value ?? "") else {
                throw .unsupportedSource(source, reason: "'archive=\(archive.value ?? "")' is not tar.gz, tgz, tar, tar.bz2, tar.xz or zip")
            }
            kind = named
            let rest = items.filter { $0.name != "archive" }
            kept.queryItems = rest.isEmpty ? nil : rest
        } else {
            let path = components.path.lowercased()
            kind = ArchiveKind.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
                .first { path.hasSuffix("." + $0.rawValue) }
        }
        let url = kept.string ?? package
        if let kind { return .archive(url: url, kind: kind, subdirectory: subdirectory) }
        return .http(url: url, subdirectory: subdirectory)
    }

    private static func splitQuery(_ text: String) -> (String, String?) {
        guard let mark = text.firstIndex(of: "?") else { return (text, nil) }
        return (String(text[..<mark]), String(text[text.index(after: mark)...]))
    }
}
