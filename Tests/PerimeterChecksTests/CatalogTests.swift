import Foundation
import PerimeterChecks
import Testing

@Suite struct CatalogTests {
    @Test func idsAreUniqueAndWellFormed() {
        let ids = CheckRegistry.all.map(\.description.id)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids)")
        for id in ids {
            let parts = id.split(separator: "-")
            #expect(
                parts.count == 2 && ["NET", "NODE", "GKE", "RBAC", "IAM", "WL"].contains(String(parts[0]))
                    && parts[1].count == 3 && parts[1].allSatisfy(\.isNumber), "malformed id '\(id)'")
        }
    }

    @Test func everyCheckIsFullyDescribed() {
        var slugs = Set<String>()
        for check in CheckRegistry.all {
            let description = check.description
            #expect(!description.title.isEmpty && !description.rationale.isEmpty && !description.remediation.isEmpty, "\(description.id)")
            #expect(description.slug.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(description.id) slug")
            #expect(slugs.insert(description.slug).inserted, "duplicate slug \(description.slug)")
            #expect(!description.references.isEmpty, "\(description.id) has no references")
            #expect(description.owasp != nil, "\(description.id) maps to no OWASP Kubernetes Top 10 item")
        }
    }

    /// The README's check table is generated; set PERIMETER_UPDATE_README=1 to rewrite it.
    @Test func readmeCheckTableIsCurrent() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let updated = try #require(CheckCatalogMarkdown.updating(text), "README.md lacks the check table markers")
        if ProcessInfo.processInfo.environment["PERIMETER_UPDATE_README"] == "1", updated != text {
            try updated.write(to: readme, atomically: true, encoding: .utf8)
        }
        #expect(updated == text, "README.md check table is stale: run PERIMETER_UPDATE_README=1 swift test --filter CatalogTests")
    }
}
