import PerimeterModel

/// A file path as a SARIF artifact location: relative paths (forward slashes) against
/// `%SRCROOT%`, absolute paths outside the source root as `file://` URIs.
struct SARIFArtifactURI: Equatable {
    static let sourceRootBase = "%SRCROOT%"

    var uri: String
    /// `%SRCROOT%` for relative paths, nil for absolute URIs.
    var uriBaseId: String?

    init(path: String, sourceRoot: String?) {
        var path = Self.forwardSlashes(path)
        if let root = sourceRoot.map(Self.forwardSlashes).map(Self.withoutTrailingSlash), !root.isEmpty,
            path.hasPrefix(root + "/")
        {
            path = String(path.dropFirst(root.count + 1))
        }
        while path.hasPrefix("./") { path.removeFirst(2) }
        if Self.isAbsolute(path) {
            uri = Self.fileURI(path)
            uriBaseId = nil
        } else {
            uri = Self.percentEncoded(path, keepColon: false)
            uriBaseId = Self.sourceRootBase
        }
    }

    /// `file:///abs/root/` for an absolute source root, the value of `%SRCROOT%`; nil otherwise.
    static func rootURI(_ sourceRoot: String?) -> String? {
        guard let sourceRoot else { return nil }
        let root = forwardSlashes(sourceRoot)
        guard isAbsolute(root) else { return nil }
        return fileURI(withoutTrailingSlash(root) + "/")
    }

    var json: JSONValue {
        .object([("uri", .string(uri)), ("uriBaseId", uriBaseId.map(JSONValue.string))])
    }

    private static func forwardSlashes(_ path: String) -> String {
        String(path.map { $0 == "\\" ? "/" : $0 })
    }

    private static func withoutTrailingSlash(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// `/x` on Unix, `C:/x` on Windows.
    private static func isAbsolute(_ path: String) -> Bool {
        if path.hasPrefix("/") { return true }
        let bytes = Array(path.utf8.prefix(3))
        guard bytes.count == 3 else { return false }
        let isLetter = (bytes[0] >= 0x41 && bytes[0] <= 0x5A) || (bytes[0] >= 0x61 && bytes[0] <= 0x7A)
        return isLetter && bytes[1] == UInt8(ascii: ":") && bytes[2] == UInt8(ascii: "/")
    }

    private static func fileURI(_ absolutePath: String) -> String {
        let path = absolutePath.hasPrefix("/") ? absolutePath : "/" + absolutePath
        return "file://" + percentEncoded(path, keepColon: true)
    }

    /// Keeps RFC 3986 unreserved characters, `/` and the sub-delimiters; a colon only where it
    /// cannot be read as a scheme (in absolute URIs, after `file://`).
    private static func percentEncoded(_ path: String, keepColon: Bool) -> String {
        var out = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            let kept =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "-._~/!$&'()*+,;=@".unicodeScalars.contains(scalar) || (keepColon && scalar == ":")
            if kept {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
