import Foundation
import Testing

/// `perimeter scan --download-modules` end to end: the built binary, a loopback registry, a root module that
/// calls it. The finding inside the downloaded module must be reported; without the flag the scan says how
/// to let perimeter read the module; with the registry stopped, the cache still answers.
@Suite struct ScanDownloadModulesTests {
    struct Report: Decodable {
        struct Item: Decodable { var ruleId: String; var resource: String }
        var findings: [Item]
    }

    static var binary: URL {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("perimeter")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return ModuleTestServer.packageRoot.appendingPathComponent(".build/debug/perimeter")
    }

    static func scan(_ arguments: [String], home: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["scan"] + arguments
        // A HOME and cache of the test's own: the user's cache is never touched.
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home,
                               "XDG_CACHE_HOME": home + "/.cache"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) { if process.isRunning { process.terminate() } }
        nonisolated(unsafe) var stderrData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            stderrData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdoutData, as: UTF8.self), String(decoding: stderrData, as: UTF8.self))
    }

    static func findings(_ json: String) throws -> [String] {
        try JSONDecoder().decode(Report.self, from: Data(json.utf8)).findings.map { "\($0.ruleId) \($0.resource)" }.sorted()
    }

    @Test func downloadedRegistryModuleGivesItsFindingsAndTheCacheServesTheSecondScan() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("module-1.4.0/main.tf", kubeletOpenModule)
        try workspace.tarball(of: "module-1.4.0", to: "reg/acme/nodes/aws/1.4.0.tar.gz")
        try workspace.write("module-2.0.0/main.tf", "# a later major version without the open rule\n")
        try workspace.tarball(of: "module-2.0.0", to: "reg/acme/nodes/aws/2.0.0.tar.gz")
        let server = try ModuleTestServer(["registry", workspace.path("reg")])
        try workspace.write("env/main.tf", """
            module "nodes" {
              source        = "\(server.host)/acme/nodes/aws"
              version       = "~> 1.0"
              kubelet_cidrs = ["0.0.0.0/0"]
            }
            """)
        let home = workspace.path("home")
        let expected = "NET-001 module.nodes.aws_security_group_rule.kubelet[\"0.0.0.0/0\"]"

        let offline = try Self.scan([workspace.path("env"), "--format", "json"], home: home)
        #expect(try !Self.findings(offline.stdout).contains(expected))
        let table = try Self.scan([workspace.path("env")], home: home)
        #expect((table.stdout + table.stderr).contains("--download-modules"), "the warning names the fix: \(table.stdout)")
        #expect(try server.counts().isEmpty, "offline by default: no request reached the registry")

        let cache = workspace.path("module-cache")
        let first = try Self.scan([workspace.path("env"), "--download-modules", "--module-cache", cache, "--format", "json"], home: home)
        #expect(first.status != 2, "\(first.stderr)")
        #expect(try Self.findings(first.stdout).contains(expected), "\(first.stdout)\n\(first.stderr)")
        #expect(try server.counts() == ["discovery": 1, "versions": 1, "download": 1, "archives": 1])
        #expect(!FileManager.default.fileExists(atPath: home + "/.cache/perimeter"), "--module-cache replaces the default")

        server.stop()
        let second = try Self.scan([workspace.path("env"), "--download-modules", "--module-cache", cache, "--format", "json"], home: home)
        #expect(try Self.findings(second.stdout) == (try Self.findings(first.stdout)), "\(second.stderr)")

        // The default cache is under XDG_CACHE_HOME; with nothing cached and the registry gone, the error says why.
        let cold = try Self.scan([workspace.path("env"), "--download-modules"], home: home)
        #expect(cold.status == 2)
        #expect((cold.stdout + cold.stderr).contains("Cannot download module.nodes: Cannot reach 'http://\(server.host)/.well-known/terraform.json'"),
                "\(cold.stdout)\n\(cold.stderr)")
        #expect(FileManager.default.fileExists(atPath: home + "/.cache/perimeter/modules"))
    }

    @Test func moduleCacheWithoutDownloadIsAUsageError() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let result = try Self.scan([workspace.root, "--module-cache", workspace.path("c")], home: workspace.path("home"))
        #expect(result.status != 0)
        #expect(result.stderr.contains("--module-cache is used only with --download-modules"))
    }
}
