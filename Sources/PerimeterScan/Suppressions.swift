import Foundation
import PerimeterModel

/// Inline suppressions: `# perimeter:ignore NET-002 <reason>` in the comment lines right above the rule or
/// resource a finding points at (or at the end of its first line). Several ids may be separated by commas.
public final class Suppressions {
    private var files: [String: [Substring]] = [:]

    public init() {}

    public func isSuppressed(_ finding: Finding) -> Bool {
        isSuppressed(finding.ruleId, at: finding.location, through: finding.callChain)
    }

    /// An undecided verdict of a check is silenced where a finding of it would be.
    public func isSuppressed(_ undecided: Undecided) -> Bool {
        guard let ruleId = undecided.ruleId else { return false }
        return isSuppressed(ruleId, at: undecided.location, through: undecided.callChain)
    }

    private func isSuppressed(_ ruleId: String, at location: SourceLocation?, through chain: [ModuleCallSite]?) -> Bool {
        // Above the `module` block of any call the finding came through, or above one of its arguments: that
        // caller's findings only, since another caller's chain names another block.
        if let chain, chain.contains(where: { silences(ruleId, call: $0) }) { return true }
        guard let location, let lines = lines(of: location.file),
            location.line >= 1, location.line <= lines.count
        else { return false }
        let index = location.line - 1
        if ids(in: lines[index]).contains(ruleId) { return true }
        if commentIDs(above: index, in: lines).contains(ruleId) { return true }
        // A finding on a nested rule may also be silenced on its enclosing resource.
        if let start = enclosingBlockStart(of: index, in: lines), start != index {
            return ids(in: lines[start]).contains(ruleId) || commentIDs(above: start, in: lines).contains(ruleId)
        }
        return false
    }

    /// `# perimeter:ignore ID` above the call's block, at the end of its first line, or on a comment line
    /// inside it (above the argument that passes the value on).
    private func silences(_ ruleId: String, call: ModuleCallSite) -> Bool {
        guard let lines = lines(of: call.location.file), call.location.line >= 1, call.location.line <= lines.count else { return false }
        let start = call.location.line - 1
        if ids(in: lines[start]).contains(ruleId) || commentIDs(above: start, in: lines).contains(ruleId) { return true }
        let end = min(max(call.endLine, call.location.line), lines.count)
        for line in lines[(start + 1)..<end] {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("#") || trimmed.hasPrefix("//"), ids(in: trimmed).contains(ruleId) { return true }
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
            // A Kubernetes object: a finding on one of its entries (a binding's subject) may be silenced above the object.
            if text.hasPrefix("apiVersion:") { return line }
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
