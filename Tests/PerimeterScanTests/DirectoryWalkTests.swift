import Foundation
import PerimeterModel
import PerimeterReport
import PerimeterScan
import Testing

/// The directory walk as an attacker's pull request meets it: FIFOs named like inputs, symlink loops,
/// symlinks out of the tree, templates and scripts among manifests. Each scan ends in bounded time,
/// lists what it skipped and keeps every finding of the good inputs.
@Suite struct DirectoryWalkTests {
    static let goodTerraform = Paths.package.appendingPathComponent(
        "Tests/PerimeterChecksTests/Fixtures/checks/NET-001/trigger_ranges_protocols_ipv6.tf"
    ).path
    static let snapshotFixture = Paths.package.appendingPathComponent(
        "Tests/PerimeterChecksTests/Fixtures/checks/NET-004/trigger_live_before.snapshot.json"
    ).path

    /// A fresh directory holding the good Terraform file as `main.tf`.
    static func tree(_ name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-walk-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: goodTerraform, toPath: directory + "/main.tf")
        return directory
    }

    static func findingLines(_ result: ScanResult) -> [String] {
        result.findings.map { "\($0.ruleId) \($0.resource)" }.sorted()
    }

    static var expectedFindings: [String] {
        get throws {
            let directory = try tree("baseline")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let lines = findingLines(Scanner.scan(ScanOptions(paths: [directory])))
            #expect(lines.filter { $0.hasPrefix("NET-001") }.count == 4)
            return lines
        }
    }

    /// Runs the scan on a thread of its own and fails (instead of hanging the suite) past `seconds`.
    static func boundedScan(_ paths: [String], seconds: Double = 20) throws -> (result: ScanResult, elapsed: Double) {
        nonisolated(unsafe) var result: ScanResult?
        let done = DispatchSemaphore(value: 0)
        let started = Date()
        Thread.detachNewThread {
            result = Scanner.scan(ScanOptions(paths: paths))
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success, let result else {
            throw WalkTestError("the scan of \(paths) did not end within \(seconds) s")
        }
        return (result, Date().timeIntervalSince(started))
    }

    @Test func fifosNamedLikeInputsAreListedNeverOpened() throws {
        let expected = try Self.expectedFindings
        let directory = try Self.tree("fifo")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["x.json", "x.yaml", "nodes/kubelet.yaml"] {
            try FileManager.default.createDirectory(atPath: directory + "/nodes", withIntermediateDirectories: true)
            #expect(mkfifo(directory + "/" + name, 0o644) == 0)
        }
        let (result, elapsed) = try Self.boundedScan([directory])
        #expect(elapsed < 5, "took \(elapsed) s")
        #expect(Self.findingLines(result) == expected)
        #expect(
            result.skipped.filter { $0.reason == .fifo }.map { ($0.path as NSString).lastPathComponent }.sorted()
                == ["kubelet.yaml", "x.json", "x.yaml"])
        #expect(!result.hasErrors, "\(result.diagnostics)")

        // Named on the command line, a FIFO is an error at its path, still never opened.
        let named = try Self.boundedScan([directory + "/x.yaml", directory + "/main.tf"])
        #expect(named.result.hasErrors)
        #expect(named.result.diagnostics.contains { $0.file == directory + "/x.yaml" && $0.message.contains("FIFO") })
        #expect(Self.findingLines(named.result) == expected)
    }

    @Test func twoSymlinksToTheTreeItselfEndAndReportEachFindingOnce() throws {
        let expected = try Self.expectedFindings
        let directory = try Self.tree("loop")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/sub", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory + "/a", withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: directory + "/b", withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: directory + "/sub/up", withDestinationPath: "..")
        let (result, elapsed) = try Self.boundedScan([directory])
        #expect(elapsed < 5, "took \(elapsed) s")
        #expect(Self.findingLines(result) == expected, "each finding once")
        #expect(result.inputs.count == 1, "\(result.inputs)")
        #expect(result.skipped.filter { $0.reason == .symlinkLoop }.count == 3, "\(result.skipped)")
    }

    @Test func symlinksOutOfTheTreeAreNotFollowed() throws {
        let expected = try Self.expectedFindings
        let outside = try Self.tree("outside")
        let directory = try Self.tree("inside")
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: outside)
        }
        try "resource \"aws_security_group\" \"secret\" {}\n".write(toFile: outside + "/secret.tf", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: directory + "/elsewhere", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: directory + "/passwd.yaml", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: directory + "/dangling.json", withDestinationPath: directory + "/none")
        let (result, _) = try Self.boundedScan([directory])
        #expect(Self.findingLines(result) == expected, "nothing from outside")
        #expect(result.inputs.map(\.path) == [directory], "\(result.inputs)")
        let reasons = Dictionary(result.skipped.map { (($0.path as NSString).lastPathComponent, $0.reason) }) { a, _ in a }
        #expect(reasons["elsewhere"] == .symlinkOutsideTree)
        #expect(reasons["passwd.yaml"] == .symlinkOutsideTree)
        #expect(reasons["dangling.json"] == .brokenSymlink)
    }

    @Test func templatesScriptsAndKustomizationsAreListedNotParsed() throws {
        let expected = try Self.expectedFindings
        let directory = try Self.tree("templates")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let chart = directory + "/chart/templates"
        try FileManager.default.createDirectory(atPath: chart, withIntermediateDirectories: true)
        try """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ include "app.fullname" . }}
        spec:
          replicas: {{ .Values.replicas }}
        """.write(toFile: chart + "/deployment.yaml", atomically: true, encoding: .utf8)
        try "{{- define \"app.fullname\" -}}app{{- end }}\n".write(toFile: chart + "/_helpers.tpl", atomically: true, encoding: .utf8)
        try """
        #!/bin/sh
        cat <<EOF | kubectl apply -f -
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: [broken
        EOF
        """.write(toFile: directory + "/deploy.sh", atomically: true, encoding: .utf8)
        try "resources:\n  - deployment.yaml\n".write(toFile: directory + "/kustomization.yaml", atomically: true, encoding: .utf8)
        try "apiVersion: v1\nkind: {{ kind }}\n".write(toFile: directory + "/cm.yaml.j2", atomically: true, encoding: .utf8)
        let (result, _) = try Self.boundedScan([directory])
        #expect(
            !result.hasErrors && !result.diagnostics.contains { $0.message.contains("YAML") }, "never a YAML error: \(result.diagnostics)")
        #expect(Self.findingLines(result) == expected)
        let reasons = Dictionary(result.skipped.map { (($0.path as NSString).lastPathComponent, $0.reason) }) { a, _ in a }
        #expect(reasons["deployment.yaml"] == .helmTemplate)
        #expect(reasons["_helpers.tpl"] == .template)
        #expect(reasons["deploy.sh"] == .shellScript)
        #expect(reasons["kustomization.yaml"] == .kustomization)
        #expect(reasons["cm.yaml.j2"] == .template)

        let report = ScanReport(
            findings: result.findings, diagnostics: result.diagnostics, inputs: [directory],
            toolVersion: "test"
        ).with(skipped: result.skipped)
        let table = TableReporter(color: false).render(report)
        #expect(
            table.contains(
                "5 files skipped: 1 Helm template (render with helm template first), 2 templates (render it first), "
                    + "1 shell script, 1 kustomization (render with kustomize build first)"), "\(table)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReporter().render(report).utf8)) as? [String: Any])
        let listed = try #require(json["skipped"] as? [[String: Any]])
        #expect(listed.count == 5)
        #expect(
            listed.contains { ($0["path"] as? String)?.hasSuffix("deployment.yaml") == true && $0["reason"] as? String == "helmTemplate" })
    }

    @Test func snapshotsInADirectoryAreRead() throws {
        let directory = try Self.tree("snapshot")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/live", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.snapshotFixture, toPath: directory + "/live/before.json")
        try "{\"kind\": \"perimeter.snapshot\", \"snapshot\": {\"version\": \"one\"}}\n"
            .write(toFile: directory + "/live/broken.json", atomically: true, encoding: .utf8)
        let alone = Scanner.scan(ScanOptions(paths: [Self.snapshotFixture]))
        #expect(!alone.findings.isEmpty)
        let (result, _) = try Self.boundedScan([directory])
        #expect(result.inputs.contains(.snapshot(file: directory + "/live/before.json")))
        for finding in alone.findings {
            #expect(
                result.findings.contains { $0.ruleId == finding.ruleId && $0.resource == finding.resource },
                "\(finding.ruleId) \(finding.resource) from the snapshot in the directory")
        }
        #expect(
            result.diagnostics.contains { $0.severity == .error && $0.file == directory + "/live/broken.json" },
            "an unreadable snapshot in a directory is an error: \(result.diagnostics)")
        #expect(
            try Self.findingLines(result).filter { $0.hasPrefix("NET-001") } == Self.expectedFindings.filter { $0.hasPrefix("NET-001") })
    }

    @Test func garbageBinaryAndNonUTF8FilesAreListed() throws {
        let directory = try Self.tree("garbage")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("{not json at all".utf8).write(to: URL(fileURLWithPath: directory + "/garbage.json"))
        try Data(": : : [\n".utf8).write(to: URL(fileURLWithPath: directory + "/garbage.yaml"))
        try Data([0x61, 0x70, 0x69, 0x0A, 0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: directory + "/blob.yaml"))
        try Data([0x6B, 0x69, 0x6E, 0x64, 0x0A, 0x61, 0xC3, 0x28]).write(to: URL(fileURLWithPath: directory + "/latin.yaml"))
        try "README\n".write(toFile: directory + "/README.md", atomically: true, encoding: .utf8)
        let (result, _) = try Self.boundedScan([directory])
        let reasons = Dictionary(result.skipped.map { (($0.path as NSString).lastPathComponent, $0) }) { a, _ in a }
        #expect(reasons["garbage.json"]?.reason == .notAnInput)
        #expect(reasons["garbage.yaml"]?.reason == .notAnInput)
        #expect(reasons["blob.yaml"]?.reason == .binary)
        #expect(reasons["latin.yaml"]?.reason == .notUTF8)
        #expect(reasons["latin.yaml"]?.detail == "invalid byte at 2:2")
        #expect(reasons["README.md"]?.reason == .notAnInput)

        // Named on the command line, invalid UTF-8 is an error at its line and column.
        let named = Scanner.scan(ScanOptions(paths: [directory + "/latin.yaml"]))
        #expect(named.diagnostics.map(\.description) == ["\(directory)/latin.yaml:2:2: error: Not UTF-8 text: an invalid byte here"])
    }

    @Test func controlCharactersInFileNamesAreEscapedInTheTable() throws {
        let directory = try Self.tree("names")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let name = "evil\u{1B}[2Jname.yaml"
        try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n".write(
            toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        let result = Scanner.scan(ScanOptions(paths: [directory]))
        #expect(result.hasErrors)
        let table = TableReporter(color: false).render(
            ScanReport(
                findings: result.findings, diagnostics: result.diagnostics,
                inputs: [directory], toolVersion: "test"))
        #expect(!table.contains("\u{1B}"))
        #expect(table.contains("evil\\u{1b}[2Jname.yaml"), "\(table)")
    }
}

struct WalkTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
