import Foundation
import PerimeterChecks
import PerimeterModel
import PerimeterScan
import Testing

/// Runs every fixture of every check in the registry: each finding must land exactly on the
/// resources a fixture marks with `# expect: ADDRESS`, and nowhere else.
@Suite struct CheckFixtureTests {
    static let cases: [FixtureCase] = FixtureCase.all()

    @Test(arguments: CheckRegistry.all.map(\.description.id))
    func everyCheckHasEveryKindOfFixture(id: String) {
        let mine = Self.cases.filter { $0.checkID == id }
        if mine.contains(where: \.isManifest) {
            // Checks of Kubernetes objects: manifests that must and must not trigger, and an unresolvable case.
            #expect(mine.contains { !$0.expected.isEmpty && $0.isManifest }, "\(id) needs a manifest fixture that must trigger")
            #expect(mine.contains { $0.expected.isEmpty && $0.isManifest && !$0.isUnknown }, "\(id) needs a manifest fixture that must not trigger")
            #expect(mine.contains { $0.isUnknown }, "\(id) needs a fixture whose value cannot be resolved (no finding)")
            return
        }
        #expect(mine.contains { !$0.expected.isEmpty && !$0.isPlan && !$0.isSnapshot }, "\(id) needs an HCL fixture that must trigger")
        #expect(mine.contains { $0.expected.isEmpty && !$0.isPlan && !$0.isSnapshot && !$0.isUnknown },
                "\(id) needs an HCL fixture that must not trigger")
        #expect(mine.contains { $0.isPlan && !$0.expected.isEmpty }, "\(id) needs a plan JSON fixture that must trigger")
        #expect(mine.contains { $0.isUnknown }, "\(id) needs a fixture whose value cannot be resolved (no finding)")
    }

    @Test(arguments: cases)
    func fixtureFindingsLandExactlyWhereMarked(_ fixture: FixtureCase) throws {
        let check = try #require(CheckRegistry.check(id: fixture.checkID))
        let result = Scanner.scan(ScanOptions(paths: [fixture.path], checks: [check]))
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "fixture has input errors: \(errors)")
        let found = result.findings.map(\.resource).sorted()
        #expect(found == fixture.expected.sorted(), "\(fixture.name): findings \(found), expected \(fixture.expected.sorted())")
        for finding in result.findings {
            #expect(finding.ruleId == fixture.checkID)
            #expect(!finding.message.isEmpty)
            if !fixture.isPlan && !fixture.isSnapshot { #expect(finding.location != nil, "HCL findings carry file:line") }
        }
    }

    /// A `# perimeter:ignore ID` comment above every marked resource silences the check there.
    @Test(arguments: cases.filter { !$0.isPlan && !$0.isSnapshot && !$0.expected.isEmpty && !$0.isDirectory })
    func ignoreCommentSilencesEveryFinding(_ fixture: FixtureCase) throws {
        let check = try #require(CheckRegistry.check(id: fixture.checkID))
        let source = try String(contentsOfFile: fixture.path, encoding: .utf8)
        let marker = fixture.isManifest ? "apiVersion:" : "resource "
        let silenced = source.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasPrefix(marker) ? "# perimeter:ignore \(fixture.checkID) fixture\n" + line : String(line)
        }.joined(separator: "\n")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-ignore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try silenced.write(to: directory.appendingPathComponent(fixture.isManifest ? "manifest.yaml" : "main.tf"), atomically: true, encoding: .utf8)
        let result = Scanner.scan(ScanOptions(paths: [directory.path], checks: [check]))
        #expect(result.findings.isEmpty, "\(fixture.name): \(result.findings.map(\.resource))")
        #expect(result.suppressed.count == fixture.expected.count)
    }
}

/// One fixture: a `.tf` file or a directory (a root module), or a plan JSON or a live snapshot
/// (`NAME.snapshot.json`, as `perimeter collect aws` writes it) with a `.expect` file beside it.
struct FixtureCase: CustomTestStringConvertible, Sendable {
    var checkID: String
    var name: String
    var path: String
    var expected: [String]
    var isPlan: Bool
    var isDirectory: Bool
    var isSnapshot = false

    var isUnknown: Bool { name.hasPrefix("unknown") }
    /// Kubernetes manifests (YAML or JSON), whose findings name `Kind/namespace/name`.
    var isManifest: Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".k8s.json") }
    var testDescription: String { "\(checkID)/\(name)" }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/checks")

    static func all() -> [FixtureCase] {
        let manager = FileManager.default
        var cases: [FixtureCase] = []
        for checkID in ((try? manager.contentsOfDirectory(atPath: root.path)) ?? []).sorted() {
            let folder = root.appendingPathComponent(checkID)
            for name in ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
                let path = folder.appendingPathComponent(name).path
                var isDirectory: ObjCBool = false
                manager.fileExists(atPath: path, isDirectory: &isDirectory)
                if isDirectory.boolValue {
                    let markers = expectations(inTerraformUnder: path)
                    cases.append(FixtureCase(checkID: checkID, name: name, path: path, expected: markers, isPlan: false, isDirectory: true))
                } else if name.hasSuffix(".tf") {
                    cases.append(FixtureCase(checkID: checkID, name: name, path: path, expected: expectations(inFile: path),
                                             isPlan: false, isDirectory: false))
                } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".k8s.json") {
                    cases.append(FixtureCase(checkID: checkID, name: name, path: path, expected: expectations(inFile: path),
                                             isPlan: false, isDirectory: false))
                } else if name.hasSuffix(".plan.json") {
                    cases.append(FixtureCase(checkID: checkID, name: name, path: path, expected: expectations(besideJSON: path),
                                             isPlan: true, isDirectory: false))
                } else if name.hasSuffix(".snapshot.json") {
                    cases.append(FixtureCase(checkID: checkID, name: name, path: path, expected: expectations(besideJSON: path),
                                             isPlan: false, isDirectory: false, isSnapshot: true))
                }
            }
        }
        return cases
    }

    /// `NAME.expect` beside `NAME.json`: one expected resource a line.
    private static func expectations(besideJSON path: String) -> [String] {
        let expect = String(path.dropLast(".json".count)) + ".expect"
        return ((try? String(contentsOfFile: expect, encoding: .utf8)) ?? "")
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func expectations(inFile path: String) -> [String] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("# expect:") else { return nil }
            return trimmed.dropFirst("# expect:".count).trimmingCharacters(in: .whitespaces)
        }
    }

    private static func expectations(inTerraformUnder directory: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var found: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".tf") { found += expectations(inFile: directory + "/" + relative) }
        }
        return found
    }
}
