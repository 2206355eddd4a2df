import Foundation
import PerimeterChecks
import Testing

/// `docs/checks/` is generated from the checks' metadata and fixtures; set PERIMETER_UPDATE_DOCS=1 to rewrite it.
@Suite struct CheckPageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/checks")
    static let updating = ProcessInfo.processInfo.environment["PERIMETER_UPDATE_DOCS"] == "1"

    /// The fixtures of one check as (name, text): files at the top of its folder, and the root
    /// `main.tf` of fixtures that are whole module trees.
    static func fixtureFiles(of id: String) -> [(name: String, text: String)] {
        let folder = fixtures.appendingPathComponent(id)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { name in
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
            if isDirectory.boolValue {
                let main = url.appendingPathComponent("main.tf")
                return (try? String(contentsOf: main, encoding: .utf8)).map { ("\(name)/main.tf", $0) }
            }
            return (try? String(contentsOf: url, encoding: .utf8)).map { (name, $0) }
        }
    }

    static func expectCurrent(_ text: String, at relative: String) throws {
        let url = repository.appendingPathComponent(relative)
        let committed = try? String(contentsOf: url, encoding: .utf8)
        if updating, committed != text {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(committed == text, "\(relative) is stale: run PERIMETER_UPDATE_DOCS=1 swift test --filter CheckPageTests")
    }

    @Test(arguments: CheckRegistry.all.map(\.description))
    func everyCheckHasACurrentPage(_ description: CheckDescription) throws {
        let examples = CheckPage.examples(fromFixtures: Self.fixtureFiles(of: description.id))
        #expect(examples.contains { $0.triggers }, "\(description.id) page shows no example that triggers")
        #expect(examples.contains { !$0.triggers }, "\(description.id) page shows no example that does not trigger")
        try Self.expectCurrent(CheckPage.markdown(for: description, examples: examples), at: CheckPage.path(for: description.id))
    }

    @Test func indexIsCurrentAndNoPageIsOrphaned() throws {
        let descriptions = CheckRegistry.all.map(\.description)
        try Self.expectCurrent(CheckPage.index(descriptions), at: "docs/checks/README.md")
        let folder = Self.repository.appendingPathComponent("docs/checks")
        let pages = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let expected = Set(descriptions.map { "\($0.id).md" } + ["README.md"])
        let orphans = pages.filter { !expected.contains($0) }
        if Self.updating {
            for orphan in orphans { try FileManager.default.removeItem(at: folder.appendingPathComponent(orphan)) }
            return
        }
        #expect(orphans.isEmpty, "pages of checks that no longer exist: \(orphans)")
    }

    @Test(arguments: CheckRegistry.all.map(\.description))
    func everyCheckDescribesTheProcedureItAutomates(_ description: CheckDescription) {
        #expect(CheckProcedure.text(for: description.id) != nil, "\(description.id) has no procedure in CheckProcedure")
    }

    /// References a user can open: a URL, or a named public standard. None points at a document the
    /// user has never seen ("source document 002").
    @Test(arguments: CheckRegistry.all.map(\.description))
    func everyReferenceIsPublic(_ description: CheckDescription) {
        for reference in description.references + [description.owasp, description.cis].compactMap({ $0 }) {
            let isURL = reference.hasPrefix("https://") && URL(string: reference)?.host != nil
            let isStandard = reference.hasPrefix("CIS ") || reference.range(of: #"^K\d\d: "#, options: .regularExpression) != nil
            #expect(isURL || isStandard, "\(description.id): '\(reference)' is neither a URL nor a named public standard")
            #expect(!reference.localizedCaseInsensitiveContains("source document"), "\(description.id): '\(reference)'")
        }
    }

    /// Every reference the catalog declares is cited by at least one check (no dead entries).
    @Test func everyDeclaredReferenceIsUsed() throws {
        let source = try String(
            contentsOf: Self.repository.appendingPathComponent("Sources/PerimeterChecks/References.swift"),
            encoding: .utf8)
        let values = source.matches(of: #/static let \w+ = "([^"]+)"/#).map { String($0.output.1) }
        #expect(values.count > 10, "References.swift declares \(values.count) references")
        let cited = Set(CheckRegistry.all.flatMap { $0.description.references + [$0.description.owasp].compactMap { $0 } })
        for value in values {
            #expect(cited.contains(value), "'\(value)' is declared in References.swift but no check cites it")
        }
    }
}
