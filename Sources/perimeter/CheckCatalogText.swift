import PerimeterChecks

/// The text of `perimeter checks`, from each check's own metadata.
enum CheckCatalogText {
    static func table(_ descriptions: [CheckDescription]) -> String {
        let idWidth = descriptions.map(\.id.count).max() ?? 7
        let severityWidth = 8
        var lines = ["\(pad("ID", idWidth))  \(pad("SEVERITY", severityWidth))  TITLE"]
        for description in descriptions {
            lines.append("\(pad(description.id, idWidth))  \(pad(description.severity.rawValue, severityWidth))  \(description.title)")
        }
        lines.append("")
        lines.append("\(descriptions.count) checks. 'perimeter checks ID' explains one.")
        return lines.joined(separator: "\n")
    }

    static func explanation(_ description: CheckDescription) -> String {
        var lines = [
            "\(description.id)  \(description.title)",
            "severity: \(description.severity.rawValue)   slug: \(description.slug)"
        ]
        if let owasp = description.owasp { lines.append("OWASP Kubernetes Top 10: \(owasp)") }
        if let cis = description.cis { lines.append("CIS: \(cis)") }
        if let procedure = CheckProcedure.text(for: description.id) {
            lines += ["", "The procedure it automates", indent(wrapped(procedure))]
        }
        lines += ["", "Why it matters", indent(wrapped(description.rationale)), "", "How to fix", indent(wrapped(description.remediation))]
        if let fix = description.terraformFix {
            lines += ["", "Terraform", indent(fix)]
        }
        if !description.references.isEmpty {
            var seen = Set<String>()
            lines += ["", "References"] + description.references.filter { seen.insert($0).inserted }.map { "  - \($0)" }
        }
        lines += ["", "Page: \(CheckPage.path(for: description.id))"]
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Prose wrapped at 78 columns (80 with the indent); lines that are code keep their breaks.
    static func wrapped(_ text: String, width: Int = 78) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > width, !line.hasPrefix(" ") else { return String(line) }
            var lines: [String] = []
            var current = ""
            for word in line.split(separator: " ") {
                if !current.isEmpty, current.count + 1 + word.count > width {
                    lines.append(current)
                    current = ""
                }
                current += (current.isEmpty ? "" : " ") + word
            }
            if !current.isEmpty { lines.append(current) }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
