import Foundation
import PerimeterModel

/// Inline suppressions: `# perimeter:ignore NET-002 <reason>` in the comment lines right above the rule or
/// resource a finding points at (or at the end of its first line). Several ids may be separated by commas.
public final class Suppressions {
    private var files: [String: [Substring]] = [:]

    public init() {}

    public func isSuppressed(_ finding: Finding) -> Bool {
        guard let location = finding.location, let lines = lines(of: location.file),
              location.line >= 1, location.line <= lines.count else { return false }
        let index = location.line - 1
        if ids(in: lines[index]).contains(finding.ruleId) { return true }
        if commentIDs(above: index, in: lines).contains(finding.ruleId) { return true }
        // A finding on a nested rule may also be silenced on its enclosing resource.
        if let start = enclosingBlockStart(of: index, in: lines), start != index {
            return ids(in: lines[start]).contains(finding.ruleId) || commentIDs(above: start, in: lines).contains(finding.ruleId)
        }
        return false
    }

    private func lines(of file: String) -> [Substring]? {
        if let cached = files[file] { return cached }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        files[file] = lines
        return lines
    }

    private func commentIDs(above index: Int, in lines: [Substring]) -> Set<String> {
        var found = Set<String>()
        var line = index - 1
        while line >= 0 {
            let trimmed = lines[line].drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("#") || trimmed.hasPrefix("//") else { break }
            found.formUnion(ids(in: trimmed))
            line -= 1
        }
        return found
    }

    /// The first line of the top-level block around `index`: the nearest line above that starts at column 1
    /// with a block keyword.
    private func enclosingBlockStart(of index: Int, in lines: [Substring]) -> Int? {
        var line = index
        while line >= 0 {
            let text = lines[line]
            if text.hasPrefix("resource ") || text.hasPrefix("data ") || text.hasPrefix("module ") { return line }
            line -= 1
        }
        return nil
    }

    /// Check ids after `perimeter:ignore` on one line.
    func ids(in line: Substring) -> Set<String> {
        guard let marker = line.range(of: "perimeter:ignore") else { return [] }
        var ids = Set<String>()
        for token in line[marker.upperBound...].split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
            guard Self.looksLikeID(token) else { break }
            ids.insert(String(token))
        }
        return ids
    }

    static func looksLikeID(_ token: Substring) -> Bool {
        guard let dash = token.firstIndex(of: "-") else { return false }
        let prefix = token[..<dash]
        let number = token[token.index(after: dash)...]
        return !prefix.isEmpty && prefix.allSatisfy { $0.isUppercase && $0.isLetter }
            && number.count == 3 && number.allSatisfy(\.isNumber)
    }
}
