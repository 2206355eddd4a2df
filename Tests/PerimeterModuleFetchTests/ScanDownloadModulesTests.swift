import Foundation
import Testing

/// `perimeter scan --download-modules` end to end: the built binary, a loopback registry, a root module that
/// calls it. The finding inside the downloaded module must be reported; without the flag the scan says how
/// to let perimeter read the module; with the registry stopped, the cache still answers.
@Suite struct ScanDownloadModulesTests {
    struct Report: Decodable {
        struct Item: Decodable {
            var ruleId: String
            var resource: String
        }
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

    static func scan(
        _ arguments: [String], home: String,
        extraEnvironment: [String: String] = [:]
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["scan"] + arguments
        // A cache of the test's own: the user's cache is never touched.
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = home + "/.cache"
        environment["NO_COLOR"] = "1"
        environment.merge(extraEnvironment) { $1 }
        process.environment = environment
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
        try workspace.write(
            "env/main.tf",
            """
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

        // Without --module-cache the cache is $XDG_CACHE_HOME/perimeter/modules.
        let byDefault = try Self.scan([workspace.path("env"), "--download-modules", "--format", "json"], home: home)
        #expect(try Self.findings(byDefault.stdout).contains(expected), "\(byDefault.stderr)")
        #expect(FileManager.default.fileExists(atPath: home + "/.cache/perimeter/modules/registry"))

        server.stop()
        let second = try Self.scan([workspace.path("env"), "--download-modules", "--module-cache", cache, "--format", "json"], home: home)
        #expect(try Self.findings(second.stdout) == (try Self.findings(first.stdout)), "\(second.stderr)")

        // A module `terraform init` installed is read from .terraform/modules even with the flag: no fetch, no error.
        try workspace.write("installed/main.tf", try String(contentsOfFile: workspace.path("env/main.tf"), encoding: .utf8))
        try workspace.write("installed/.terraform/modules/nodes/main.tf", kubeletOpenModule)
        try workspace.write(
            "installed/.terraform/modules/modules.json",
            #"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"nodes","Source":"x","Dir":".terraform/modules/nodes"}]}"#)
        let installed = try Self.scan(
            [
                workspace.path("installed"), "--download-modules", "--module-cache", workspace.path("empty-cache"),
                "--format", "json"
            ], home: home)
        #expect(installed.status != 2, "\(installed.stderr)")
        #expect(try Self.findings(installed.stdout).contains(expected))
        #expect(!FileManager.default.fileExists(atPath: workspace.path("empty-cache/registry")))

        // Nothing cached and the registry gone: exit 2, and the error says why.
        let cold = try Self.scan([workspace.path("env"), "--download-modules", "--module-cache", workspace.path("cold-cache")], home: home)
        #expect(cold.status == 2)
        #expect(
            (cold.stdout + cold.stderr).contains(
                "Cannot download module.nodes: Cannot reach 'http://\(server.host)/.well-known/terraform.json'"),
            "\(cold.stdout)\n\(cold.stderr)")
        // And it counts among the module calls not read, so a summary never claims the module was seen.
        #expect(cold.stdout.contains("module.nodes: source '\(server.host)/acme/nodes/aws' could not be downloaded"), "\(cold.stdout)")
    }

    @Test func moduleCacheWithoutDownloadIsAUsageError() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let result = try Self.scan([workspace.root, "--module-cache", workspace.path("c")], home: workspace.path("home"))
        #expect(result.status != 0)
        #expect(result.stderr.contains("--module-cache is used only with --download-modules"))
    }
}

extension ScanDownloadModulesTests {
    /// A Git source whose module calls a sibling inside the same repository (`../nodes`), as public modules
    /// call their `./modules/...`: the cache lies outside the scanned tree, yet the package's own files are read.
    /// A local call that climbs out of the package is still refused.
    @Test func gitModuleReadsItsOwnLocalModulesButNothingOutsideItsPackage() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("repo/nodes/main.tf", kubeletOpenModule)
        try workspace.write(
            "repo/wrapper/main.tf",
            """
            variable "cidrs" { type = list(string) }
            module "nodes" {
              source        = "../nodes"
              kubelet_cidrs = var.cidrs
            }
            """)
        try workspace.write(
            "repo/escape/main.tf",
            """
            module "outside" {
              source = "../../../../../../outside"
            }
            """)
        try workspace.gitRepository("repo", tag: "v1.0.0")
        try workspace.write("outside/main.tf", "# must never be read\n")
        try workspace.write(
            "env/main.tf",
            """
            module "wrapped" {
              source = "git::file://\(workspace.path("repo"))//wrapper?ref=v1.0.0"
              cidrs  = ["0.0.0.0/0"]
            }
            module "escape" {
              source = "git::file://\(workspace.path("repo"))//escape?ref=v1.0.0"
            }
            """)
        let result = try Self.scan(
            [
                workspace.path("env"), "--download-modules", "--module-cache", workspace.path("cache"),
                "--format", "json"
            ], home: workspace.path("home"))
        #expect(
            try Self.findings(result.stdout).contains("NET-001 module.wrapped.module.nodes.aws_security_group_rule.kubelet[\"0.0.0.0/0\"]"),
            "\(result.stdout)\n\(result.stderr)")
        #expect(result.status == 2, "the escaping call is an input error")
        #expect(result.stdout.contains("is outside the scanned tree"), "\(result.stdout)")
    }
}

extension ScanDownloadModulesTests {
    /// Run from a Git hook, perimeter inherits GIT_DIR and GIT_WORK_TREE; git must still write only to the cache.
    @Test func inheritedGitEnvironmentNeverRedirectsTheClone() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("repo/nodes/main.tf", kubeletOpenModule)
        let commit = try workspace.gitRepository("repo", tag: "v1")
        try workspace.write("user/README", "the user's own repository\n")
        try workspace.gitRepository("user", tag: "u1")
        let before = workspace.files(under: "user")
        try workspace.write(
            "env/main.tf",
            """
            module "tagged" {
              source        = "git::file://\(workspace.path("repo"))//nodes?ref=v1"
              kubelet_cidrs = ["0.0.0.0/0"]
            }
            module "pinned" {
              source        = "git::file://\(workspace.path("repo"))//nodes?ref=\(commit)"
              kubelet_cidrs = ["0.0.0.0/0"]
            }
            """)
        let result = try Self.scan(
            [workspace.path("env"), "--download-modules", "--module-cache", workspace.path("cache"), "--format", "json"],
            home: workspace.path("home"),
            extraEnvironment: ["GIT_DIR": workspace.path("user/.git"), "GIT_WORK_TREE": workspace.path("user")])
        #expect(result.status != 2, "\(result.stdout)\n\(result.stderr)")
        let findings = try Self.findings(result.stdout)
        #expect(findings.contains("NET-001 module.tagged.aws_security_group_rule.kubelet[\"0.0.0.0/0\"]"))
        #expect(findings.contains("NET-001 module.pinned.aws_security_group_rule.kubelet[\"0.0.0.0/0\"]"))
        #expect(workspace.files(under: "user") == before)
    }
}
