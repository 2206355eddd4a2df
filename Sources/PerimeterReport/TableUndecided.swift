import PerimeterModel

/// The table's account of what a scan could not decide: one line per undecided check, module calls
/// not read grouped by their fix, and the counts the summary line ends with.
enum TableUndecided {
    /// `UNDECIDED (3)` with each entry, then `MODULE CALLS NOT READ (2)` grouped by fix; nil when there are none.
    static func block(_ report: ScanReport, style: ANSIStyle) -> String? {
        var sections: [String] = []
        let checks = report.undecidedChecks
        if !checks.isEmpty {
            var lines = [style.bold("UNDECIDED (\(checks.count))")]
            for entry in checks {
                lines.append("  " + TerminalText.safe(entry.description))
                if let place = place(entry) { lines.append("      location: " + TerminalText.safe(place)) }
            }
            sections.append(lines.joined(separator: "\n"))
        }
        let modules = report.modulesNotRead
        if !modules.isEmpty {
            var lines = [style.bold("MODULE CALLS NOT READ (\(modules.count))")]
            var fixes: [String] = []
            for entry in modules where !fixes.contains(entry.fix ?? "") { fixes.append(entry.fix ?? "") }
            for fix in fixes {
                if !fix.isEmpty { lines.append("  " + TerminalText.safe(fix) + ":") }
                for entry in modules where (entry.fix ?? "") == fix {
                    let at = place(entry).map { " (\($0))" } ?? ""
                    lines.append("    " + TerminalText.safe("\(entry.resource): \(entry.reason)\(at)"))
                }
            }
            sections.append(lines.joined(separator: "\n"))
        }
        return sections.isEmpty ? nil : sections.joined(separator: "\n\n")
    }

    /// `3 checks undecided (values known only after apply)`, said even when zero: silence must mean checked.
    static func checksSummary(_ report: ScanReport) -> String {
        let count = report.undecidedChecks.count
        return "\(count) check\(count == 1 ? "" : "s") undecided" + (count > 0 ? " (values known only after apply)" : "")
    }

    /// `2 module calls not read (run terraform init or use --download-modules)`; nil when every call was read.
    static func modulesSummary(_ report: ScanReport) -> String? {
        let modules = report.modulesNotRead
        guard !modules.isEmpty else { return nil }
        let fix = modules.compactMap(\.fix).first.map { " (\($0))" } ?? ""
        return "\(modules.count) module call\(modules.count == 1 ? "" : "s") not read\(fix)"
    }

    /// `module "eks" at main.tf:12 → modules/eks/main.tf:53`, or just the file and line.
    private static func place(_ entry: Undecided) -> String? {
        guard let location = entry.location else { return nil }
        let here = "\(location.file):\(location.line)"
        if entry.kind == .moduleNotRead { return here }
        return ((entry.callChain ?? []).map(\.description) + [here]).joined(separator: " → ")
    }
}
