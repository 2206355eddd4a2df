import Foundation
import PerimeterModel

/// A whole kubelet command line, as pieces of text that each come from one place: a bare command line
/// file, a `/proc/PID/cmdline` dump, or a systemd `ExecStart=` with the values of the variables it expands.
/// Later pieces come later on the command line, so their flags win (pflag keeps the last value).
public struct KubeletCommandLine {
    public struct Piece {
        public var text: String
        public var file: String
        public var locate: KubeletFlags.Locate

        public init(text: String, file: String, locate: @escaping KubeletFlags.Locate) {
            self.text = text
            self.file = file
            self.locate = locate
        }
    }

    public var pieces: [Piece]
    /// Where the command starts: the place of the compiled-in defaults in findings.
    public var location: SourceLocation?
    /// The binary as written (`/var/lib/minikube/binaries/v1.23.1/kubelet`).
    public var binary: String
    /// Why parts of the command line cannot be read (a variable from an environment file not in the input).
    public var unresolved: [String] = []

    public init(pieces: [Piece], location: SourceLocation?, binary: String, unresolved: [String] = []) {
        self.pieces = pieces
        self.location = location
        self.binary = binary
        self.unresolved = unresolved
    }

    /// The minor version when the binary's path names it (`.../v1.23.1/kubelet`).
    public var minorVersion: Int? {
        guard let range = binary.range(of: #"v1\.(\d+)"#, options: .regularExpression) else { return nil }
        return Int(binary[range].dropFirst(3))
    }

    /// The three security flags, each with the layer `flag` and the file it is written in.
    public func securityFlags() -> (
        readOnlyPort: KubeletSetting<Int>?, anonymousAuth: KubeletSetting<Bool>?,
        authorizationMode: KubeletSetting<String>?
    ) {
        var settings = KubeletSettings(key: "", provenance: Provenance(resource: "", origin: .file), source: .commandLine)
        for piece in pieces {
            var read = KubeletFlags.read(piece.text, locate: piece.locate)
            let layer = KubeletLayer(kind: .flag, file: piece.file)
            read.readOnlyPort?.layer = layer
            read.anonymousAuth?.layer = layer
            read.authorizationMode?.layer = layer
            KubeletConfigurationReader.apply(read, to: &settings)
        }
        return (settings.readOnlyPort, settings.anonymousAuth, settings.authorizationMode)
    }

    /// The last value of `--NAME=value` or `--NAME value`, and where it is written.
    public func value(of name: String) -> (value: String, location: SourceLocation?)? {
        var found: (String, SourceLocation?)?
        for piece in pieces {
            for (number, line) in piece.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                if line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") { continue }
                let tokens = Self.tokens(line)
                for (index, token) in tokens.enumerated() {
                    if token.text.hasPrefix("--\(name)=") {
                        found = (String(token.text.dropFirst(name.count + 3)), piece.locate(number + 1, token.column))
                    } else if token.text == "--\(name)", index + 1 < tokens.count, !tokens[index + 1].text.hasPrefix("-") {
                        found = (tokens[index + 1].text, piece.locate(number + 1, token.column))
                    }
                }
            }
        }
        return found
    }

    /// Whitespace-separated words of one line, quotes removed, with their 1-based columns.
    static func tokens(_ line: Substring) -> [(text: String, column: Int)] {
        var tokens: [(String, Int)] = []
        var current = ""
        var start: Int?
        var quote: Character?
        for (offset, character) in line.enumerated() {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                start = start ?? offset + 1
            } else if character == " " || character == "\t" || character == "\\" {
                if let begin = start { tokens.append((current, begin)) }
                current = ""
                start = nil
            } else {
                current.append(character)
                start = start ?? offset + 1
            }
        }
        if let begin = start { tokens.append((current, begin)) }
        return tokens
    }

    /// `kubelet`, `/usr/bin/kubelet`, `"/var/lib/minikube/binaries/v1.23.1/kubelet"`.
    public static func isKubeletBinary(_ word: String) -> Bool {
        let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        return trimmed == "kubelet" || trimmed.hasSuffix("/kubelet")
    }

    /// A file that holds one kubelet command and nothing else (comments and blank lines aside), with
    /// backslash-continued lines: the whole command line, so what it leaves out takes the defaults.
    public static func bare(_ text: String, file: String) -> KubeletCommandLine? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var first: Int?
        var continued = false
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") {
                if continued { return nil }
                continue
            }
            if first == nil {
                first = index
            } else if !continued {
                return nil
            }
            continued = trimmed.hasSuffix("\\")
        }
        guard let first, let word = tokens(lines[first]).first, isKubeletBinary(word.text) else { return nil }
        let piece = Piece(text: text, file: file) { line, column in SourceLocation(file: file, line: line, column: column) }
        return KubeletCommandLine(
            pieces: [piece], location: SourceLocation(file: file, line: first + 1, column: word.column),
            binary: word.text)
    }

    /// A `/proc/PID/cmdline` dump: arguments separated (and ended) by NUL bytes.
    public static func procDump(_ data: Data, file: String) -> KubeletCommandLine? {
        let arguments = data.split(separator: 0, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
        guard let binary = arguments.first, isKubeletBinary(binary) else { return nil }
        // One line of text with the same arguments; an argument with spaces is quoted so it stays one word.
        let text = arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
        let piece = Piece(text: text, file: file) { _, column in SourceLocation(file: file, line: 1, column: column) }
        return KubeletCommandLine(pieces: [piece], location: SourceLocation(file: file, line: 1, column: 1), binary: binary)
    }

    public static func looksLikeProcDump(_ data: Data) -> Bool {
        guard data.contains(0), let first = data.split(separator: 0).first, first.count < 4096 else { return false }
        return isKubeletBinary(String(decoding: first, as: UTF8.self))
    }
}
