import Foundation
import PerimeterModel

/// Reads the kubelet's systemd unit and drop-ins (`kubelet.service`, `10-kubeadm.conf`, `20-extra-args.conf`)
/// as systemd does: the files in order, `Environment=` and `EnvironmentFile=` define variables, an empty
/// `ExecStart=` clears the command and the last `ExecStart=` runs, with `$VAR` and `${VAR}` expanded.
public enum SystemdUnitReader {
    public struct File {
        public var path: String
        public var text: String

        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    public struct Result {
        /// The kubelet's whole command line, when some `ExecStart=` runs the kubelet.
        public var commandLine: KubeletCommandLine?
        /// Without such an `ExecStart=`: the variable values, a fragment of a command line found elsewhere.
        public var fragments: [KubeletCommandLine.Piece]
        /// Environment files read.
        public var consumed: [String]
    }

    private struct Variable {
        var value: String
        var file: String
        var line: Int
    }

    /// - Parameter environmentFile: the text of an `EnvironmentFile=` path, when the input has it.
    public static func read(_ files: [File], environmentFile: (String) -> File?) -> Result {
        var variables: [String: Variable] = [:]
        var missingFiles: [String] = []
        var consumed: [String] = []
        var exec: (text: String, file: String, line: Int, column: Int)?
        for file in files {
            var inService = true
            for (number, line) in logicalLines(file.text) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("[") {
                    inService = trimmed == "[Service]"
                    continue
                }
                guard inService, !trimmed.hasPrefix("#"), !trimmed.hasPrefix(";"), let equals = trimmed.firstIndex(of: "=") else {
                    continue
                }
                let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
                let value = String(trimmed[trimmed.index(after: equals)...])
                let column = line.distance(from: line.startIndex, to: line.firstIndex(of: "=") ?? line.startIndex) + 2
                switch key {
                case "Environment":
                    for word in KubeletCommandLine.tokens(value[...]) {
                        guard let split = word.text.firstIndex(of: "=") else { continue }
                        variables[String(word.text[..<split])] = Variable(
                            value: String(word.text[word.text.index(after: split)...]),
                            file: file.path, line: number)
                    }
                case "EnvironmentFile":
                    let path = value.hasPrefix("-") ? String(value.dropFirst()) : value
                    guard let found = environmentFile(path) else {
                        missingFiles.append(path)
                        continue
                    }
                    consumed.append(found.path)
                    for (name, variable) in environmentAssignments(found) { variables[name] = variable }
                case "ExecStart":
                    let command = value.drop { "-@:+!".contains($0) }
                    exec =
                        command.trimmingCharacters(in: .whitespaces).isEmpty
                        ? nil
                        : (String(command), file.path, number, column + (value.count - command.count))
                default:
                    continue
                }
            }
        }
        guard let exec, let binary = KubeletCommandLine.tokens(exec.text[...]).first?.text,
            KubeletCommandLine.isKubeletBinary(binary)
        else {
            let pieces = variables.sorted { $0.key < $1.key }.map { _, variable in
                piece(variable.value, file: variable.file, line: variable.line)
            }
            return Result(commandLine: nil, fragments: pieces, consumed: consumed)
        }
        var pieces: [KubeletCommandLine.Piece] = []
        var unresolved: [String] = []
        for part in split(exec.text) {
            switch part {
            case .literal(let range):
                // The rest of the line blanked out, so columns stay those of the file.
                let text = String(exec.text.indices.map { range.contains($0) ? exec.text[$0] : " " })
                let (file, line, column) = (exec.file, exec.line, exec.column)
                pieces.append(
                    KubeletCommandLine.Piece(text: text, file: file) { _, offset in
                        SourceLocation(file: file, line: line, column: column + offset - 1)
                    })
            case .variable(let name):
                if let variable = variables[name] {
                    pieces.append(piece(variable.value, file: variable.file, line: variable.line))
                } else if !missingFiles.isEmpty {
                    unresolved.append(
                        "'$\(name)' may be set in \(missingFiles.map { "'\($0)'" }.joined(separator: ", ")), not in the input")
                }
            }
        }
        let commandLine = KubeletCommandLine(
            pieces: pieces, location: SourceLocation(file: exec.file, line: exec.line, column: exec.column),
            binary: binary, unresolved: unresolved)
        return Result(commandLine: commandLine, fragments: [], consumed: consumed)
    }

    public static func looksLikeUnit(_ text: String) -> Bool {
        text.contains("[Service]")
            || text.split(whereSeparator: \.isNewline).contains { line in
                line.hasPrefix("ExecStart=") || line.hasPrefix("Environment=") || line.hasPrefix("EnvironmentFile=")
            }
    }

    private static func piece(_ text: String, file: String, line: Int) -> KubeletCommandLine.Piece {
        KubeletCommandLine.Piece(text: text, file: file) { _, _ in SourceLocation(file: file, line: line) }
    }

    /// Lines with systemd's backslash continuations joined, numbered by their first line.
    static func logicalLines(_ text: String) -> [(Int, Substring)] {
        var result: [(Int, Substring)] = []
        var pending: (Int, String)?
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let continues = line.hasSuffix("\\")
            let body = continues ? line.dropLast() : line
            if var open = pending {
                open.1 += " " + body
                pending = open
            } else {
                pending = (index + 1, String(body))
            }
            if !continues, let done = pending {
                result.append((done.0, done.1[...]))
                pending = nil
            }
        }
        if let done = pending { result.append((done.0, done.1[...])) }
        return result
    }

    private enum Part {
        case literal(Range<String.Index>)
        case variable(String)
    }

    /// `$NAME` and `${NAME}` apart from the text around them.
    private static func split(_ text: String) -> [Part] {
        var parts: [Part] = []
        var literalStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "$" else {
                index = text.index(after: index)
                continue
            }
            var nameStart = text.index(after: index)
            let braced = nameStart < text.endIndex && text[nameStart] == "{"
            if braced { nameStart = text.index(after: nameStart) }
            var nameEnd = nameStart
            while nameEnd < text.endIndex, text[nameEnd].isLetter || text[nameEnd].isNumber || text[nameEnd] == "_" {
                nameEnd = text.index(after: nameEnd)
            }
            guard nameEnd > nameStart else {
                index = text.index(after: index)
                continue
            }
            parts.append(.literal(literalStart..<index))
            parts.append(.variable(String(text[nameStart..<nameEnd])))
            index = braced && nameEnd < text.endIndex && text[nameEnd] == "}" ? text.index(after: nameEnd) : nameEnd
            literalStart = index
        }
        parts.append(.literal(literalStart..<text.endIndex))
        return parts
    }

    /// `KEY=value`, `KEY="value"` and `export KEY=value` lines of an environment file.
    private static func environmentAssignments(_ file: File) -> [(String, Variable)] {
        file.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().compactMap { index, line in
            var trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("export ") { trimmed = String(trimmed.dropFirst(7)) }
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { return nil }
            var value = String(trimmed[trimmed.index(after: equals)...])
            if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
                value = String(value.dropFirst().dropLast())
            }
            return (String(trimmed[..<equals]), Variable(value: value, file: file.path, line: index + 1))
        }
    }
}
