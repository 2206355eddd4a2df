import Foundation
import PerimeterModel

/// Reads `terraform show -json PLANFILE` output into the same resource instances the HCL evaluator
/// produces: planned values, with every value known only after apply as a symbolic `Unknown` that
/// names the resource attribute it comes from.
public enum PlanReader {
    /// Reads `terraform show -json` output. Wrong shape -> one clear Diagnostic (file, and what was expected), empty result.
    public static func read(data: Data, path: String) -> (resources: [ResourceInstance], diagnostics: [Diagnostic]) {
        let root: JSONValue
        do {
            root = try JSONParser.parse(data)
        } catch {
            let location = SourceLocation(file: path, line: error.line, column: error.column)
            return ([], [.error("Not valid JSON (\(error.message)); expected `terraform show -json` plan output", at: location)])
        }
        let document: PlanDocument
        do {
            document = try PlanDocument(root)
        } catch {
            return ([], [.error("Not a Terraform plan: \(error.message)", file: path)])
        }
        var byAddress: [String: PlanEntry] = [:]
        for entry in document.entries { byAddress[entry.address] = byAddress[entry.address] ?? entry }
        let unknowns = PlanUnknowns(configuration: PlanConfiguration(document.configuration), entries: byAddress)
        return (document.entries.map(unknowns.instance), formatWarnings(root, path: path))
    }

    /// The plan formats this reader knows: Terraform keeps a major version's minor versions compatible,
    /// and changes the major version when a field changes meaning.
    static let knownFormatMajors: Set<Int> = [0, 1]

    /// A `format_version` of another major version still reads, with a warning that values may be misread.
    static func formatWarnings(_ root: JSONValue, path: String) -> [Diagnostic] {
        let text: String
        switch root["format_version"] {
        case .string(let value)?: text = value
        case let other?: return [.warning("format_version is \(other.kindName), not a version string such as \"1.2\"", file: path)]
        case nil: return []
        }
        let major = text.split(separator: ".", omittingEmptySubsequences: false).first.flatMap { Int($0) }
        guard let major, knownFormatMajors.contains(major) else {
            return [
                .warning(
                    "format_version '\(text)' is not one this perimeter knows (0.x, 1.x): values may be read wrongly; upgrade perimeter",
                    file: path)
            ]
        }
        return []
    }

    /// Cheap sniff used by input auto-detection: does this JSON look like a plan (has "format_version" and "planned_values" or "resource_changes")?
    /// Works on the first bytes of a file too: when they end before either key, a document that opens
    /// with `format_version` and `terraform_version` and has no state `values` is taken as a plan.
    public static func looksLikePlan(_ data: Data) -> Bool {
        let bytes = Array(data.prefix(1 << 20))
        guard let first = bytes.first(where: { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }),
            first == UInt8(ascii: "{"), contains(bytes, "\"format_version\"")
        else { return false }
        if contains(bytes, "\"planned_values\"") || contains(bytes, "\"resource_changes\"") { return true }
        let complete = (try? JSONParser.parse(bytes)) != nil
        return !complete && data.count == bytes.count && contains(bytes, "\"terraform_version\"") && !contains(bytes, "\"values\"")
    }

    private static func contains(_ bytes: [UInt8], _ needle: StaticString) -> Bool {
        let pattern = Array(UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount))
        guard let head = pattern.first, bytes.count >= pattern.count else { return false }
        var position = 0
        let last = bytes.count - pattern.count
        while position <= last {
            if bytes[position] == head, bytes[position..<position + pattern.count].elementsEqual(pattern) { return true }
            position += 1
        }
        return false
    }
}
