import Foundation

/// One AWS shared `config` or `credentials` file: sections of `key = value` lines.
///
/// In `config` a profile's section is `[profile NAME]` (`[default]` for the default one); in `credentials`
/// it is `[NAME]`. Indented lines belong to a nested setting (such as `s3 =`) and are skipped.
public struct SharedConfigFile: Sendable, Hashable {
    public enum Kind: Sendable { case config, credentials }

    /// Profile name → settings, keys lower-cased.
    public private(set) var profiles: [String: [String: String]] = [:]

    public init(text: String, kind: Kind) {
        var current: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let isIndented = rawLine.first == " " || rawLine.first == "\t"
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                current = Self.profileName(section: String(line.dropFirst().dropLast()), kind: kind)
                if let current, profiles[current] == nil { profiles[current] = [:] }
                continue
            }
            guard let current, !isIndented, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            // A comment after the value needs whitespace before it.
            if let comment = value.range(of: " #") ?? value.range(of: " ;") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            if !key.isEmpty { profiles[current]?[key] = value }
        }
    }

    /// Reads the file; a missing file is an empty one.
    public init(path: String, kind: Kind) {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        self.init(text: text, kind: kind)
    }

    /// `[profile dev]` in config; `[dev]` in credentials; `[default]` in both. nil for other sections (`sso-session`).
    static func profileName(section: String, kind: Kind) -> String? {
        let name = section.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .credentials:
            return name
        case .config:
            if name == "default" { return name }
            let parts = name.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0] == "profile" else { return nil }
            return parts[1].trimmingCharacters(in: .whitespaces)
        }
    }
}
