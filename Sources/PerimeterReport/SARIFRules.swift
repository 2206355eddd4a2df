import PerimeterChecks
import PerimeterModel

/// How perimeter's severities and check metadata map onto SARIF's rule vocabulary.
enum SARIFRules {
    /// critical/high stop a pipeline, medium warns, low and info are notes.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub code scanning reads `security-severity` as a CVSS-like score in a string and buckets
    /// it: > 9.0 critical, >= 7.0 high, >= 4.0 medium, > 0 low.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "0.0"
        }
    }

    /// `kubelet-open-to-internet` -> `KubeletOpenToInternet`; the id when there is no slug.
    static func name(slug: String, id: String) -> String {
        let words = slug.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " })
        guard !words.isEmpty else { return id }
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The rules of a run: one per check id (the first description wins), sorted by id, plus a
    /// bare rule for any finding whose check is not among those that ran, so that every result's
    /// `ruleIndex` has a rule to point at.
    static func rules(for report: ScanReport) -> [JSONValue.RuleEntry] {
        var byId: [String: JSONValue] = [:]
        for check in report.checks where byId[check.id] == nil {
            byId[check.id] = rule(check)
        }
        for finding in report.findings where byId[finding.ruleId] == nil {
            byId[finding.ruleId] = bareRule(finding)
        }
        return byId.keys.sorted().compactMap { id in byId[id].map { (id: id, rule: $0) } }
    }

    static func rule(_ check: CheckDescription) -> JSONValue {
        .object([
            ("id", .string(check.id)),
            ("name", .string(name(slug: check.slug, id: check.id))),
            ("shortDescription", .object(["text": .string(check.title)])),
            ("fullDescription", .object(["text": .string(check.rationale)])),
            ("help", .object(["text": .string(helpText(check)), "markdown": .string(helpMarkdown(check))])),
            ("helpUri", check.references.first(where: isWebAddress).map(JSONValue.string)),
            ("defaultConfiguration", .object(["level": .string(level(check.severity))])),
            (
                "properties",
                .object([
                    "security-severity": .string(securitySeverity(check.severity)),
                    "tags": .array(tags(check).map(JSONValue.string))
                ])
            )
        ])
    }

    private static func bareRule(_ finding: Finding) -> JSONValue {
        .object([
            "id": .string(finding.ruleId),
            "name": .string(finding.ruleId),
            "shortDescription": .object(["text": .string(finding.title)]),
            "defaultConfiguration": .object(["level": .string(level(finding.severity))]),
            "properties": .object([
                "security-severity": .string(securitySeverity(finding.severity)),
                "tags": .array([.string("security")])
            ])
        ])
    }

    /// `security` first, then the OWASP item's id (`K08` from `K08: Cluster to ...`) and the CIS item.
    static func tags(_ check: CheckDescription) -> [String] {
        var tags = ["security"]
        if let owasp = check.owasp?.trimmed, !owasp.isEmpty {
            let id = owasp.split(separator: ":", maxSplits: 1).first.map(String.init)?.trimmed ?? owasp
            tags.append("OWASP-" + id.replacingSpaces(with: "-"))
        }
        if let cis = check.cis?.trimmed, !cis.isEmpty {
            tags.append(cis)
        }
        return tags
    }

    static func helpText(_ check: CheckDescription) -> String {
        var parts = [check.remediation]
        if let fix = check.terraformFix, !fix.isEmpty {
            parts.append("Terraform:\n" + fix)
        }
        if !check.references.isEmpty {
            parts.append("References:\n" + check.references.map { "- " + $0 }.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n")
    }

    static func helpMarkdown(_ check: CheckDescription) -> String {
        var parts = [check.remediation]
        if let fix = check.terraformFix, !fix.isEmpty {
            // A fence longer than any backtick run inside the snippet, so the snippet cannot close it.
            let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: fix) + 1))
            parts.append("\(fence)hcl\n\(fix)\n\(fence)")
        }
        if !check.references.isEmpty {
            let items = check.references.map { isWebAddress($0) ? "- <\($0)>" : "- \($0)" }
            parts.append("References:\n\n" + items.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n")
    }

    private static func isWebAddress(_ text: String) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://")) && !text.contains(" ")
    }

    private static func longestBacktickRun(in text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}

extension JSONValue {
    /// A rule with its id, kept together so results can find their index.
    typealias RuleEntry = (id: String, rule: JSONValue)
}

extension String {
    var trimmed: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    func replacingSpaces(with replacement: String) -> String {
        split(separator: " ", omittingEmptySubsequences: true).joined(separator: replacement)
    }
}
