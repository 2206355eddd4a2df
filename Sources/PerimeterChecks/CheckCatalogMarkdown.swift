import Foundation

/// The check table of the README, generated from the checks' metadata (a test fails when the README is stale).
public enum CheckCatalogMarkdown {
    public static let beginMarker =
        "<!-- checks:begin (generated from the checks' metadata; PERIMETER_UPDATE_README=1 swift test rewrites it) -->"
    public static let endMarker = "<!-- checks:end -->"

    public static func table(_ descriptions: [CheckDescription] = CheckRegistry.all.map(\.description)) -> String {
        var lines = [
            "| id | severity | title | OWASP K8s Top 10 | CIS |",
            "|---|---|---|---|---|"
        ]
        for description in descriptions {
            let owasp = description.owasp.map { String($0.prefix { $0 != ":" }) } ?? ""
            lines.append(
                "| \(description.id) | \(description.severity.rawValue) | \(description.title) | \(owasp) | \(description.cis ?? "") |")
        }
        return lines.joined(separator: "\n")
    }

    /// The README with its generated section replaced; nil when the markers are missing.
    public static func updating(_ readme: String) -> String? {
        guard let begin = readme.range(of: beginMarker), let end = readme.range(of: endMarker),
            begin.upperBound <= end.lowerBound
        else { return nil }
        return String(readme[..<begin.upperBound]) + "\n" + table() + "\n" + String(readme[end.lowerBound...])
    }
}
