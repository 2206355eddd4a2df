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
            "severity: \(description.severity.rawValue)   slug: \(description.slug)",
        ]
        if let owasp = description.owasp { lines.append("OWASP Kubernetes Top 10: \(owasp)") }
        if let cis = description.cis { lines.append("CIS: \(cis)") }
        lines += ["", "Why it matters", indent(description.rationale), "", "How to fix", indent(description.remediation)]
        if let fix = description.terraformFix {
            lines += ["", "Terraform", indent(fix)]
        }
        if !description.references.isEmpty {
            lines += ["", "References"] + description.references.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
