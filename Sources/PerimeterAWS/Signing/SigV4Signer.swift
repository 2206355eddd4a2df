import Crypto
import Foundation

/// AWS Signature Version 4, header signing, for the services perimeter reads.
///
/// The canonical request is built from the path as the caller gives it, encoded once more: a client passes
/// the path as it goes on the wire (already percent-encoded), which gives AWS's double encoding for every
/// service but S3. The test suite passes the raw path, which gives its single encoding.
public struct SigV4Signer: Sendable {
    /// One header to sign, name as written; values of repeated names are joined in order.
    public typealias Header = (name: String, value: String)

    public var credentials: AWSCredentials
    public var region: String
    public var service: String
    /// Remove `.`/`..` segments and repeated slashes (every service but S3).
    public var normalizePath: Bool = true
    /// Add `x-amz-content-sha256` and sign it.
    public var signBody: Bool = false
    /// Send the session token without signing it (a few STS-style services expect that).
    public var omitSessionTokenFromSignature: Bool = false

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// What signing produced: the headers to add, and the intermediate texts (tests compare them with AWS's).
    public struct Signature: Sendable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
        public var authorization: String
        /// Headers to add to the request, `Authorization` last.
        public var headersToAdd: [Header]
    }

    public func sign(
        method: String, path: String, query: [(String, String)], headers: [Header], body: Data,
        date: Date
    ) -> Signature {
        let stamp = SigV4Time(date)
        let payloadHash = Self.hex(SHA256.hash(data: body))
        var added: [Header] = [("X-Amz-Date", stamp.dateTime)]
        if signBody { added.append(("X-Amz-Content-Sha256", payloadHash)) }
        var unsigned: [Header] = []
        if let token = credentials.sessionToken {
            if omitSessionTokenFromSignature {
                unsigned.append(("X-Amz-Security-Token", token))
            } else {
                added.append(("X-Amz-Security-Token", token))
            }
        }
        let canonicalHeaders = Self.canonicalHeaders(headers + added)
        let signedHeaders = canonicalHeaders.map(\.name).joined(separator: ";")
        let canonicalRequest = [
            method.uppercased(),
            Self.canonicalURI(path, normalize: normalizePath),
            Self.canonicalQuery(query),
            canonicalHeaders.map { "\($0.name):\($0.value)\n" }.joined(),
            signedHeaders,
            payloadHash
        ].joined(separator: "\n")
        let scope = "\(stamp.date)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", stamp.dateTime, scope,
            Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8)))
        ].joined(separator: "\n")
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: signingKey(date: stamp.date)))
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return Signature(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            authorization: authorization, headersToAdd: added + unsigned + [("Authorization", authorization)])
    }

    private func signingKey(date: String) -> SymmetricKey {
        func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)))
        }
        let secret = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        return hmac(hmac(hmac(hmac(secret, date), region), service), "aws4_request")
    }

    // MARK: Canonical parts

    /// Lower-case names, sorted; values trimmed with inner runs of whitespace (and folded lines) made one space;
    /// repeated names joined with commas in the order given.
    static func canonicalHeaders(_ headers: [Header]) -> [(name: String, value: String)] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased().trimmingCharacters(in: .whitespaces)
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(collapseWhitespace(header.value))
        }
        return order.sorted().map { ($0, values[$0]!.joined(separator: ",")) }
    }

    static func collapseWhitespace(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    static func canonicalURI(_ path: String, normalize: Bool) -> String {
        var path = path.isEmpty ? "/" : path
        if normalize { path = normalizedPath(path) }
        return uriEncode(path, keepSlash: true)
    }

    /// RFC 3986 dot-segment removal plus collapsing empty segments, keeping a trailing slash.
    static func normalizedPath(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        let last = path.split(separator: "/", omittingEmptySubsequences: false).last
        let trailing = path.hasSuffix("/") || last == "." || last == ".."
        let joined = "/" + segments.joined(separator: "/")
        return trailing && !segments.isEmpty ? joined + "/" : joined
    }

    /// Parameters given decoded; encoded, then sorted by name and value.
    static func canonicalQuery(_ query: [(String, String)]) -> String {
        query.map { (uriEncode($0.0, keepSlash: false), uriEncode($0.1, keepSlash: false)) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Percent-encodes every byte but the unreserved characters (and `/` when asked), upper-case hex.
    public static func uriEncode(_ text: String, keepSlash: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out.append("/")
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

/// The two time formats SigV4 uses, always UTC.
struct SigV4Time {
    let date: String
    let dateTime: String

    init(_ instant: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        date = String(format: "%04d%02d%02d", c.year!, c.month!, c.day!)
        dateTime = date + String(format: "T%02d%02d%02dZ", c.hour!, c.minute!, c.second!)
    }
}
