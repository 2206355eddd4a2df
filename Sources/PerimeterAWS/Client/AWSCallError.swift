import Foundation

/// A failed AWS call, classified so the collector knows whether to retry, record a gap, or stop.
public struct AWSCallError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The credentials were rejected (bad key, bad signature, expired token).
        case authentication
        /// The caller may not make this call.
        case accessDenied
        /// The named object does not exist.
        case notFound
        /// The endpoint does not implement the call (an HTML 404 instead of an AWS error).
        case unsupported
        case throttled
        /// 5xx.
        case server
        /// No answer within the timeout.
        case timeout
        /// Connection refused, DNS failure and the like.
        case transport
        /// Any other AWS error (validation and so on).
        case other
    }

    /// `ec2:DescribeVpcs`.
    public var operation: String
    public var kind: Kind
    public var status: Int?
    /// AWS's error code (`UnauthorizedOperation`, `ResourceNotFoundException`).
    public var code: String?
    public var message: String
    /// How many attempts were made.
    public var attempts: Int = 1

    public var isRetryable: Bool { [.throttled, .server, .timeout, .transport].contains(kind) }

    public var description: String {
        var text = "\(operation): "
        if let code { text += "\(code): " } else if let status { text += "HTTP \(status): " }
        text += message
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        return text
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException"
    ]
    static let authenticationCodes: Set<String> = [
        "AuthFailure", "SignatureDoesNotMatch", "InvalidClientTokenId", "UnrecognizedClientException",
        "ExpiredToken", "ExpiredTokenException", "InvalidAccessKeyId", "IncompleteSignature", "MissingAuthenticationToken",
        "InvalidSignatureException"
    ]
    static let accessDeniedCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess", "Forbidden"
    ]

    /// Classifies an error answer from its status, its `X-Amzn-ErrorType` header and its body (Query XML or JSON).
    static func from(operation: String, status: Int, headers: [String: String], body: Data) -> AWSCallError {
        var code = headers["x-amzn-errortype"].map { String($0.split(separator: ":").first ?? "") }
        var message: String?
        if let xml = try? XMLElement.parse(body), let error = xml.find("Error") ?? (xml.name == "Error" ? xml : nil) {
            code = code ?? error.string("Code")
            message = error.string("Message")
        } else if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            let type = (object["__type"] ?? object["code"] ?? object["Code"]) as? String
            code = code ?? type.map { String($0.split(separator: "#").last ?? "") }
            message = (object["message"] ?? object["Message"]) as? String
        }
        if code?.isEmpty == true { code = nil }
        let kind: Kind
        if let code, throttlingCodes.contains(code) || code.hasSuffix("Throttling") {
            kind = .throttled
        } else if let code, authenticationCodes.contains(code) {
            kind = .authentication
        } else if let code, accessDeniedCodes.contains(code) {
            kind = .accessDenied
        } else if let code,
            code.hasSuffix("NotFound") || code.hasSuffix("NotFoundException") || code == "NoSuchEntity"
                || code.hasPrefix("InvalidGroup.NotFound") || code.contains(".NotFound")
        {
            kind = .notFound
        } else if status == 429 {
            kind = .throttled
        } else if status >= 500 {
            kind = .server
        } else if status == 404 && code == nil {
            kind = .unsupported
        } else if status == 403 && code == nil {
            kind = .accessDenied
        } else {
            kind = .other
        }
        let fallback = kind == .unsupported ? "the endpoint does not implement this call" : "HTTP \(status)"
        return AWSCallError(
            operation: operation, kind: kind, status: status, code: code,
            message: message.map(Self.oneLine) ?? fallback)
    }

    static func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }
}
