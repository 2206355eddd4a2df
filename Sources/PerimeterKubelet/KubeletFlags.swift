import PerimeterModel

/// Reads the three security flags from kubelet command-line text: a flags file, a systemd drop-in,
/// `KUBELET_EXTRA_ARGS`, `bootstrap.sh --kubelet-extra-args '...'`, or one NodeConfig flag.
/// The last occurrence wins, as with the kubelet's own flag parsing; commented lines are skipped.
public enum KubeletFlags {
    /// A 1-based line and column inside the text, turned into a place in the input by the caller.
    public typealias Locate = (_ line: Int, _ column: Int) -> SourceLocation?

    public static func read(_ text: String, locate: Locate) -> (
        readOnlyPort: KubeletSetting<Int>?, anonymousAuth: KubeletSetting<Bool>?,
        authorizationMode: KubeletSetting<String>?
    ) {
        var readOnlyPort: KubeletSetting<Int>?
        var anonymousAuth: KubeletSetting<Bool>?
        var authorizationMode: KubeletSetting<String>?
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") { continue }
            for occurrence in occurrences(in: line) {
                let location = locate(number + 1, occurrence.column)
                switch occurrence.name {
                case "read-only-port":
                    guard let raw = occurrence.value else { continue }
                    readOnlyPort = KubeletSetting(value: resolveInt(raw), location: location, text: occurrence.text)
                case "anonymous-auth":
                    // A bare boolean flag means true; pflag takes a value only after '='.
                    let value: Resolved<Bool> = occurrence.value.map(resolveBool) ?? .known(true)
                    anonymousAuth = KubeletSetting(value: value, location: location, text: occurrence.text)
                default:
                    guard let raw = occurrence.value else { continue }
                    authorizationMode = KubeletSetting(value: resolveString(raw), location: location, text: occurrence.text)
                }
            }
        }
        return (readOnlyPort, anonymousAuth, authorizationMode)
    }

    static let names = ["read-only-port", "anonymous-auth", "authorization-mode"]

    /// Whether the text mentions any of the flags at all (for input detection).
    public static func mentionsFlags(_ text: String) -> Bool {
        names.contains { text.contains("--" + $0) }
    }

    private struct Occurrence {
        var name: String
        var value: String?
        var column: Int
        var text: String
    }

    private static func occurrences(in line: Substring) -> [Occurrence] {
        var found: [Occurrence] = []
        var rest = line[...]
        while let range = rest.range(of: "--") {
            let afterDashes = rest[range.upperBound...]
            guard let name = names.first(where: { afterDashes.hasPrefix($0) }) else {
                rest = afterDashes
                continue
            }
            var tail = afterDashes.dropFirst(name.count)
            // `--read-only-port-x` is another flag.
            if let next = tail.first, next.isLetter || next.isNumber || next == "-" {
                rest = tail
                continue
            }
            var value: String?
            if tail.first == "=" {
                tail = tail.dropFirst()
                value = token(&tail)
            } else if name != "anonymous-auth" {
                let spaces = tail.prefix { $0 == " " || $0 == "\t" }
                if !spaces.isEmpty, let first = tail.dropFirst(spaces.count).first, first != "-" {
                    tail = tail.dropFirst(spaces.count)
                    value = token(&tail)
                }
            }
            let column = line.distance(from: line.startIndex, to: range.lowerBound) + 1
            let text = String(line[range.lowerBound..<tail.startIndex])
            found.append(Occurrence(name: name, value: value, column: column, text: text))
            rest = tail
        }
        return found
    }

    /// One value: up to whitespace, a quote that closes an outer string, or a shell separator.
    private static func token(_ text: inout Substring) -> String {
        var quote: Character?
        if let first = text.first, first == "\"" || first == "'" {
            quote = first
            text = text.dropFirst()
        }
        let value = text.prefix { character in
            if let quote { return character != quote }
            return
                !(character == " " || character == "\t" || character == "\"" || character == "'" || character == ";" || character == "\\")
        }
        text = text.dropFirst(value.count + (quote != nil && text.count > value.count ? 1 : 0))
        return String(value)
    }

    static func isTemplated(_ raw: String) -> Bool {
        raw.contains("$") || raw.contains("{{") || raw.contains("%{")
    }

    static func resolveInt(_ raw: String) -> Resolved<Int> {
        if let number = Int(raw) { return .known(number) }
        return .unknown(
            isTemplated(raw) ? "'\(raw)' is a placeholder, filled in before the kubelet starts" : "'\(raw)' is not a port number")
    }

    static func resolveBool(_ raw: String) -> Resolved<Bool> {
        switch raw.lowercased() {
        case "true", "1", "t": return .known(true)
        case "false", "0", "f": return .known(false)
        default:
            return .unknown(
                isTemplated(raw) ? "'\(raw)' is a placeholder, filled in before the kubelet starts" : "'\(raw)' is not a boolean")
        }
    }

    static func resolveString(_ raw: String) -> Resolved<String> {
        isTemplated(raw) ? .unknown("'\(raw)' is a placeholder, filled in before the kubelet starts") : .known(raw)
    }
}
