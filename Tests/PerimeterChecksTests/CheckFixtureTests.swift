import Foundation
import PerimeterChecks
import PerimeterModel
import PerimeterScan
import Testing

/// Runs every fixture of every check in the registry: each finding must land exactly on the
/// resources a fixture marks with `# expect: ADDRESS` (or lists in a `NAME.expect` file beside it), and nowhere else.
@Suite struct CheckFixtureTests {
    static let cases: [FixtureCase] = FixtureCase.all()

    /// Checks whose inputs never come from Terraform: GKE-005 reads kubelet /metrics text and workload
    /// manifests, which no Terraform resource describes, so it cannot have HCL or plan fixtures.
    static let checksWithoutTerraformInputs: Set<String> = ["GKE-005"]

    /// Checks of Kubernetes objects (RBAC, and aws-auth for IAM-001) read manifests: Terraform's
    /// `kubernetes_*` resources are not mapped into RBAC objects, so manifests are their fixtures.
    static func checksOfKubernetesObjects(_ id: String) -> Bool { id.hasPrefix("RBAC-") || id == "IAM-001" }

    @Test(arguments: CheckRegistry.all.map(\.description.id))
    func everyCheckHasEveryKindOfFixture(id: String) {
        let mine = Self.cases.filter { $0.checkID == id }
        #expect(mine.contains { !$0.expected.isEmpty }, "\(id) needs a fixture that must trigger")
        #expect(mine.contains { $0.expected.isEmpty && !$0.isUnknown }, "\(id) needs a fixture that must not trigger")
        #expect(mine.contains { $0.isUnknown && $0.expected.isEmpty }, "\(id) needs a fixture whose value cannot be resolved (no finding)")
        if Self.checksOfKubernetesObjects(id) {
            #expect(mine.contains { !$0.expected.isEmpty && $0.isManifest }, "\(id) needs a manifest fixture that must trigger")
            #expect(
                mine.contains { $0.expected.isEmpty && $0.isManifest && !$0.isUnknown },
                "\(id) needs a manifest fixture that must not trigger")
            return
        }
        guard !Self.checksWithoutTerraformInputs.contains(id) else { return }
        #expect(mine.contains { !$0.expected.isEmpty && $0.kind == .terraform }, "\(id) needs an HCL fixture that must trigger")
        #expect(
            mine.contains { $0.expected.isEmpty && $0.kind == .terraform && !$0.isUnknown },
            "\(id) needs an HCL fixture that must not trigger")
        #expect(mine.contains { $0.isPlan && !$0.expected.isEmpty }, "\(id) needs a plan JSON fixture that must trigger")
    }

    /// The GKE checks read the same levels from gcloud JSON as from Terraform: each has a gcloud fixture too.
    @Test(arguments: ["GKE-001", "GKE-002", "GKE-003", "GKE-004"])
    func gkeChecksHaveGCloudFixtures(id: String) {
        #expect(
            Self.cases.contains { $0.checkID == id && $0.kind == .document && !$0.expected.isEmpty },
            "\(id) needs a gcloud JSON fixture that must trigger")
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
            if !fixture.isPlan && !fixture.isSnapshot { #expect(finding.location != nil, "file findings carry file:line") }
        }
    }

    /// A `# perimeter:ignore ID` comment above every marked resource silences the check there.
    @Test(
        arguments: cases.filter {
            ($0.kind == .terraform || $0.isManifest && CheckFixtureTests.checksOfKubernetesObjects($0.checkID))
                && !$0.expected.isEmpty && !$0.isDirectory
        })
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
        try silenced.write(
            to: directory.appendingPathComponent(fixture.isManifest ? "manifest.yaml" : "main.tf"), atomically: true, encoding: .utf8)
        let result = Scanner.scan(ScanOptions(paths: [directory.path], checks: [check]))
        #expect(result.findings.isEmpty, "\(fixture.name): \(result.findings.map(\.resource))")
        #expect(result.suppressed.count == fixture.expected.count)
    }
}

/// One fixture: a `.tf` file or a directory (a root module), a plan JSON or a live snapshot
/// (`NAME.snapshot.json`, as `perimeter collect aws` writes it) with a `.expect` file beside it,
/// or another input `scan` reads (gcloud JSON, KubeletConfiguration or workload YAML/JSON, kubelet flags,
/// user data, /metrics text) whose expectations are `# expect:` comments or a `NAME.expect` file.
struct FixtureCase: CustomTestStringConvertible, Sendable {
    enum Kind: Sendable {
        case terraform
        case plan
        case snapshot
        /// JSON or YAML documents: gcloud output, KubeletConfiguration, NodeConfig, workloads.
        case document
        /// Flags, user data, metrics.
        case text
    }

    var checkID: String
    var name: String
    var path: String
    var expected: [String]
    var kind: Kind
    var isDirectory: Bool

    var isPlan: Bool { kind == .plan }
    var isSnapshot: Bool { kind == .snapshot }
    var isUnknown: Bool { name.hasPrefix("unknown") }
    /// `NAME.undecided` beside an unknown fixture: one `RESOURCE | reason fragment` per entry the check must report.
    var expectedUndecided: [(resource: String, reason: String)]? {
        let file = (path as NSString).deletingPathExtension + ".undecided"
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
    }
    /// Kubernetes manifests (YAML or JSON), whose findings name `Kind/namespace/name`.
    var isManifest: Bool { kind == .document && (name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".k8s.json")) }
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
                if isDirectory.boolValue && name.hasSuffix("_plan") {
                    // A plan beside other inputs (manifests): the findings are listed in its `expect` file.
                    cases.append(
                        FixtureCase(
                            checkID: checkID, name: name, path: path, expected: expectFile(beside: path + "/plan.json") ?? [],
                            kind: .plan, isDirectory: true))
                } else if isDirectory.boolValue {
                    let markers = expectations(inTerraformUnder: path)
                    cases.append(
                        FixtureCase(checkID: checkID, name: name, path: path, expected: markers, kind: .terraform, isDirectory: true))
                } else if name.hasSuffix(".tf") {
                    cases.append(
                        FixtureCase(
                            checkID: checkID, name: name, path: path, expected: expectations(inFile: path),
                            kind: .terraform, isDirectory: false))
                } else if name.hasSuffix(".plan.json") {
                    cases.append(
                        FixtureCase(
                            checkID: checkID, name: name, path: path, expected: expectFile(beside: path) ?? [],
                            kind: .plan, isDirectory: false))
                } else if name.hasSuffix(".snapshot.json") {
                    cases.append(
                        FixtureCase(
                            checkID: checkID, name: name, path: path, expected: expectFile(beside: path) ?? [],
                            kind: .snapshot, isDirectory: false))
                } else if !name.hasSuffix(".expect") && !name.hasSuffix(".undecided") {
                    let isDocument = [".json", ".yaml", ".yml"].contains { name.hasSuffix($0) }
                    let expected = expectFile(beside: path) ?? expectations(inFile: path)
                    cases.append(
                        FixtureCase(
                            checkID: checkID, name: name, path: path, expected: expected,
                            kind: isDocument ? .document : .text, isDirectory: false))
                }
            }
        }
        return cases
    }

    /// `NAME.expect` beside `NAME.EXT` (`trigger.plan.expect` beside `trigger.plan.json`): one resource per line.
    private static func expectFile(beside path: String) -> [String]? {
        let expect = (path as NSString).deletingPathExtension + ".expect"
        guard let text = try? String(contentsOfFile: expect, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
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
