import PerimeterModel

/// ANSI SGR styling that is a no-op when color is off, so colored and plain output differ only
/// by escape sequences.
struct ANSIStyle {
    let enabled: Bool

    func bold(_ text: String) -> String { paint(text, "1") }

    func severity(_ text: String, _ severity: Severity) -> String {
        switch severity {
        case .critical: paint(text, "1;91")
        case .high: paint(text, "1;31")
        case .medium: paint(text, "1;33")
        case .low: paint(text, "1;36")
        case .info: paint(text, "1;90")
        }
    }

    func diagnostic(_ text: String, _ severity: Diagnostic.Severity) -> String {
        paint(text, severity == .error ? "1;31" : "1;33")
    }

    private func paint(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

public enum TerminalText {
    /// Text from inputs made safe to print: control characters (an ESC in a resource name could
    /// rewrite the terminal) shown as `\u{..}`, tabs as a space.
    public static func safe(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if scalar == "\t" {
                out += " "
            } else if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) {
                out += "\\u{" + String(value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The lines of a text, each made safe; empty trailing lines dropped.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            safe(String($0.hasSuffix("\r") ? $0.dropLast() : $0))
        }
        while let last = lines.last, last.trimmed.isEmpty { lines.removeLast() }
        return lines
    }
}
