import Foundation

/// One example on a check's page: a fixture that must trigger the check, or one that must not.
public struct CheckExample: Sendable, Hashable {
    /// The fixture's file name, as it appears in the repository (`trigger_imdsv1.tf`).
    public var name: String
    public var text: String
    public var triggers: Bool

    public init(name: String, text: String, triggers: Bool) {
        self.name = name
        self.text = text
        self.triggers = triggers
    }

    /// The code fence language for the file's kind.
    var language: String {
        switch (name as NSString).pathExtension.lowercased() {
        case "tf": "hcl"
        case "yaml", "yml": "yaml"
        case "json": "json"
        default: "text"
        }
    }
}

/// `docs/checks/ID.md` and its index, generated from each check's metadata and fixtures (a test fails
/// when the committed pages are stale, as it does for the README's table).
public enum CheckPage {
    /// Where a check's page lives, relative to the repository root; SARIF's `helpUri` points there.
    public static func path(for id: String) -> String { "docs/checks/\(id).md" }

    public static func markdown(for description: CheckDescription, examples: [CheckExample]) -> String {
        var lines = ["# \(description.id): \(description.title)", ""]
        lines += ["| | |", "|---|---|", "| Severity | \(description.severity.rawValue) |", "| Slug | `\(description.slug)` |"]
        if let owasp = description.owasp { lines.append("| OWASP Kubernetes Top 10 (2022) | \(owasp) |") }
        if let cis = description.cis { lines.append("| CIS | \(cis) |") }
        lines.append("")
        if let procedure = CheckProcedure.text(for: description.id) {
            lines += ["## The procedure it automates", "", procedure, ""]
        }
        lines += ["## Why it matters", "", description.rationale, "", "## How to fix", "", description.remediation, ""]
        if let fix = description.terraformFix {
            lines += ["```hcl", fix, "```", ""]
        }
        let triggering = examples.filter(\.triggers)
        let passing = examples.filter { !$0.triggers }
        if !examples.isEmpty { lines += ["## Examples", ""] }
        for (heading, group) in [("Reported", triggering), ("Not reported", passing)] where !group.isEmpty {
            for example in group {
                lines += ["### \(heading): `\(example.name)`", "", "```\(example.language)", trimmed(example.text), "```", ""]
            }
        }
        if !description.references.isEmpty {
            lines += ["## References", ""] + unique(description.references).map { "- \(link($0))" } + [""]
        }
        lines += [
            "---", "", "Generated from the check's metadata and its test fixtures; `perimeter checks \(description.id)` prints the same.",
            ""
        ]
        return lines.joined(separator: "\n")
    }

    public static func index(_ descriptions: [CheckDescription]) -> String {
        var lines = [
            "# Checks", "", "Every check perimeter runs, one page each.", "",
            "| id | severity | title |", "|---|---|---|"
        ]
        for description in descriptions {
            lines.append("| [\(description.id)](\(description.id).md) | \(description.severity.rawValue) | \(description.title) |")
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }

    /// The fixtures a page shows: up to two that trigger and two that do not, HCL first (what most
    /// users write), then manifests and gcloud output; plan JSON and snapshots are left out (machine output).
    public static func examples(fromFixtures files: [(name: String, text: String)]) -> [CheckExample] {
        func rank(_ name: String) -> Int {
            if name.hasSuffix(".plan.json") || name.hasSuffix(".snapshot.json") { return 9 }
            switch (name as NSString).pathExtension {
            case "tf": return 0
            case "yaml", "yml": return 1
            case "json": return 2
            case "flags", "conf", "prom", "txt": return 3
            default: return 9
            }
        }
        let usable = files.filter { rank($0.name) < 9 && $0.text.utf8.count <= 6000 }
            .sorted { (rank($0.name), $0.name) < (rank($1.name), $1.name) }
        let triggering = usable.filter { $0.name.hasPrefix("trigger") }.prefix(2)
        let passing = usable.filter { $0.name.hasPrefix("pass") }.prefix(2)
        return triggering.map { CheckExample(name: $0.name, text: $0.text, triggers: true) }
            + passing.map { CheckExample(name: $0.name, text: $0.text, triggers: false) }
    }

    private static func trimmed(_ text: String) -> String {
        var text = text
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    private static func link(_ reference: String) -> String {
        reference.hasPrefix("https://") ? "<\(reference)>" : reference
    }

    private static func unique(_ references: [String]) -> [String] {
        var seen = Set<String>()
        return references.filter { seen.insert($0).inserted }
    }
}
