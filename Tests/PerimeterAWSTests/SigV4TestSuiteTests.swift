import Foundation
import Testing

@testable import PerimeterAWS

/// Every vector of AWS's SigV4 test suite (`shared/data/aws-sigv4-test-suite`), header signing:
/// canonical request, string to sign, signature and the Authorization header must match byte for byte.
@Suite struct SigV4TestSuiteTests {
    static let suite = LoopbackServer.sharedDirectory.appendingPathComponent("data/aws-sigv4-test-suite")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: suite.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: suite.appendingPathComponent("\($0)/request.txt").path) }.sorted()
    }

    @Test func suiteIsPresent() {
        #expect(Self.cases.count >= 30, "expected AWS's vectors under \(Self.suite.path)")
    }

    @Test(arguments: cases)
    func vector(_ name: String) throws {
        let folder = Self.suite.appendingPathComponent(name)
        func read(_ file: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) }
        let request = try ParsedRequest(try read("request.txt"))
        let context = try JSONDecoder().decode(VectorContext.self, from: Data(try read("context.json").utf8))

        var signer = SigV4Signer(
            credentials: AWSCredentials(
                accessKeyID: context.credentials.access_key_id,
                secretAccessKey: context.credentials.secret_access_key,
                sessionToken: context.credentials.token),
            region: context.region, service: context.service)
        signer.normalizePath = context.normalize
        signer.signBody = context.sign_body
        signer.omitSessionTokenFromSignature = context.omit_session_token ?? false
        let date = try #require(ISO8601DateFormatter().date(from: context.timestamp))
        let signature = signer.sign(
            method: request.method, path: request.path, query: request.query,
            headers: request.headers, body: request.body, date: date)

        #expect(signature.canonicalRequest == (try read("header-canonical-request.txt")))
        #expect(signature.stringToSign == (try read("header-string-to-sign.txt")))
        #expect(signature.signature == (try read("header-signature.txt")).trimmingCharacters(in: .whitespacesAndNewlines))
        let expectedAuthorization = try read("header-signed-request.txt").split(separator: "\n")
            .first { $0.hasPrefix("Authorization:") }.map { String($0.dropFirst("Authorization:".count)) }
        #expect(signature.authorization == expectedAuthorization)
    }

    @Test func sessionTokenIsSignedUnlessOmitted() {
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "token")
        var signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "ec2")
        let signed = signer.sign(
            method: "GET", path: "/", query: [], headers: [("Host", "h")], body: Data(), date: Date(timeIntervalSince1970: 0))
        #expect(signed.authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"))
        signer.omitSessionTokenFromSignature = true
        let omitted = signer.sign(
            method: "GET", path: "/", query: [], headers: [("Host", "h")], body: Data(), date: Date(timeIntervalSince1970: 0))
        #expect(omitted.authorization.contains("SignedHeaders=host;x-amz-date,"))
        #expect(omitted.headersToAdd.contains { $0.name == "X-Amz-Security-Token" && $0.value == "token" })
    }

    @Test func secretNeverAppearsInDescriptionOrHeaders() {
        let credentials = AWSCredentials(accessKeyID: "AKIDVISIBLE", secretAccessKey: "very-secret-value", source: "environment")
        #expect(!"\(credentials)".contains("very-secret-value"))
        let signed = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "sts")
            .sign(
                method: "POST", path: "/", query: [], headers: [("Host", "sts.eu-west-1.amazonaws.com")], body: Data("a=b".utf8),
                date: Date())
        #expect(!signed.headersToAdd.contains { $0.value.contains("very-secret-value") })
    }
}

private struct VectorContext: Decodable {
    struct Credentials: Decodable {
        var access_key_id: String
        var secret_access_key: String
        var token: String?
    }
    var credentials: Credentials
    var region: String
    var service: String
    var timestamp: String
    var normalize: Bool
    var sign_body: Bool
    var omit_session_token: Bool?
}

/// `request.txt`: request line, headers (a line starting with whitespace continues the previous one), blank line, body.
private struct ParsedRequest {
    var method: String
    var path: String
    var query: [(String, String)]
    var headers: [(name: String, value: String)]
    var body: Data

    init(_ text: String) throws {
        var lines = text.components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        let parts = requestLine.split(separator: " ")
        method = String(parts[0])
        // The target is everything between the method and the protocol; it may contain spaces.
        let target = requestLine.dropFirst(parts[0].count + 1).dropLast(" HTTP/1.1".count)
        let split = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(split[0])
        query =
            split.count > 1
            ? split[1].split(separator: "&").map { pair in
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (
                    String(kv[0]).removingPercentEncoding ?? String(kv[0]),
                    kv.count > 1 ? (String(kv[1]).removingPercentEncoding ?? String(kv[1])) : ""
                )
            } : []
        headers = []
        var bodyLines: [String] = []
        var inBody = false
        for line in lines {
            if inBody {
                bodyLines.append(line)
                continue
            }
            if line.isEmpty {
                inBody = true
                continue
            }
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        body = Data(bodyLines.joined(separator: "\n").utf8)
    }
}
