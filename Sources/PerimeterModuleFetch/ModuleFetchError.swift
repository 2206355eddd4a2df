/// Why a module could not be fetched, in words a user can act on.
public enum ModuleFetchError: Error, CustomStringConvertible, Sendable, Equatable {
    case invalidConstraint(String, part: String)
    case unsupportedSource(String, reason: String)
    case noMatchingVersion(module: String, constraint: String, available: [String])
    case http(url: String, status: Int)
    case unreachable(url: String, reason: String)
    case timedOut(what: String, seconds: Double)
    case tooLarge(url: String, limit: Int)
    case badResponse(url: String, reason: String)
    case unsafeArchive(String, entry: String, reason: String)
    case toolFailed(tool: String, output: String)
    case cache(path: String, reason: String)
    case missingSubdirectory(String, subdirectory: String)

    public var description: String {
        switch self {
        case .invalidConstraint(let text, let part):
            return "Version constraint '\(text)' is not valid: '\(part)' is not an operator and a version"
        case .unsupportedSource(let source, let reason):
            return "Module source '\(source)' cannot be downloaded: \(reason)"
        case .noMatchingVersion(let module, let constraint, let available):
            let listed = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "No version of '\(module)' matches '\(constraint)' (available: \(listed))"
        case .http(let url, let status):
            return "'\(url)' answered HTTP \(status)"
        case .unreachable(let url, let reason):
            return "Cannot reach '\(url)': \(reason)"
        case .timedOut(let what, let seconds):
            return "\(what) did not finish within \(Self.format(seconds)) s"
        case .tooLarge(let url, let limit):
            return "'\(url)' is larger than the \(limit / 1_048_576) MiB limit for a module download"
        case .badResponse(let url, let reason):
            return "'\(url)' did not answer as a module registry does: \(reason)"
        case .unsafeArchive(let archive, let entry, let reason):
            return "Refused archive '\(archive)': entry '\(entry)' \(reason)"
        case .toolFailed(let tool, let output):
            return "'\(tool)' failed: \(output)"
        case .cache(let path, let reason):
            return "Cannot write the module cache '\(path)': \(reason)"
        case .missingSubdirectory(let source, let subdirectory):
            return "Module source '\(source)' has no directory '\(subdirectory)'"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
