/// A problem found while reading an input. Errors make `scan` exit 2, but never hide findings from other inputs.
public struct Diagnostic: Codable, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Codable, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// The file when there is no precise position (unreadable file, wrong JSON shape).
    public var file: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil, file: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.file = file ?? location?.file
    }

    public static func error(_ message: String, at location: SourceLocation? = nil, file: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, file: file)
    }

    public static func warning(_ message: String, at location: SourceLocation? = nil, file: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, file: file)
    }

    public var description: String {
        let place = location.map { "\($0): " } ?? file.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(message)"
    }
}

/// A diagnostic can travel as the failure of a `Result`.
extension Diagnostic: Error {}
