import Foundation
import Testing

@testable import PerimeterModuleFetch

/// Source addresses checked against Terraform itself: `terraform get` installs the same Git (file://) and
/// loopback HTTP sources, and for each module call the directory Terraform reads must hold the same files as
/// the one perimeter fetched. Skips, saying so, when `terraform` is not on the PATH.
@Suite struct TerraformSourceOracleTests {
    /// Every file under a directory with its content, `.git` left out.
    static func contents(of directory: String) -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            guard !relative.hasPrefix(".git"), let data = FileManager.default.contents(atPath: directory + "/" + relative) else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + relative, isDirectory: &isDirectory), isDirectory.boolValue {
                continue
            }
            result[relative] = String(decoding: data, as: UTF8.self)
        }
        return result
    }

    @Test func everySourceLeadsToTheFilesTerraformReads() throws {
        guard let terraform = TerraformVersionOracleTests.terraform else {
            print("terraform is not on the PATH: the source oracle is skipped (ModuleSourceTests still run)")
            return
        }
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("repo/main.tf", "# root of the repository, v1\n")
        try workspace.write("repo/modules/a/main.tf", "# a, v1\n")
        try workspace.write("repo/modules/b/main.tf", "# b, v1\n")
        let first = try workspace.gitRepository("repo", tag: "v1.0.0")
        try workspace.write("repo/modules/a/main.tf", "# a, v2\n")
        try shell([
            "git", "-C", workspace.path("repo"), "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-am", "v2"
        ])

        try workspace.write("pkg/main.tf", "# archive root\n")
        try workspace.write("pkg/modules/x/main.tf", "# archive x\n")
        try workspace.tarball(of: "pkg", to: "reg/files/pkg.tgz")
        try FileManager.default.copyItem(atPath: workspace.path("reg/files/pkg.tgz"), toPath: workspace.path("reg/files/blob"))
        try shell([
            "python3", "-c", "import shutil,sys; shutil.make_archive(sys.argv[1], 'zip', sys.argv[2])",
            workspace.path("reg/files/pkg"), workspace.path("pkg")
        ])
        try workspace.write("reg/files/landing.x-terraform-get", "git::file://\(workspace.path("repo"))//modules?ref=v1.0.0")
        let server = try ModuleTestServer(["registry", workspace.path("reg")])
        defer { server.stop() }

        let repo = "file://\(workspace.path("repo"))"
        let sources = [
            "git::\(repo)?ref=v1.0.0", "git::\(repo)//modules/a?ref=v1.0.0", "git::\(repo)//modules/a",
            "git::\(repo)//modules/b?ref=\(first)", "\(server.origin)/files/pkg.tgz", "\(server.origin)/files/pkg.tgz//modules/x",
            "\(server.origin)/files/pkg.zip//modules/x", "\(server.origin)/files/blob//modules/x?archive=tar.gz",
            "\(server.origin)/files/landing//a"
        ]
        try workspace.write("root/main.tf", sources.enumerated().map { "module \"m\($0)\" {\n  source = \"\($1)\"\n}\n" }.joined())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: terraform)
        process.arguments = ["get", "-no-color"]
        process.currentDirectoryURL = URL(fileURLWithPath: workspace.path("root"))
        var environment = ProcessInfo.processInfo.environment
        environment["CHECKPOINT_DISABLE"] = "1"
        environment["TF_CLI_CONFIG_FILE"] = workspace.path("empty.tfrc")
        try workspace.write("empty.tfrc", "")
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "terraform get: \(log)")
        let manifest = try #require(FileManager.default.contents(atPath: workspace.path("root/.terraform/modules/modules.json")))
        let modules = try #require((try JSONSerialization.jsonObject(with: manifest) as? [String: Any])?["Modules"] as? [[String: Any]])
        var terraformDirs: [String: String] = [:]
        for module in modules { if let key = module["Key"] as? String, let dir = module["Dir"] as? String { terraformDirs[key] = dir } }

        let fetcher = ModuleFetcher(cacheDirectory: workspace.path("cache"))
        for (index, source) in sources.enumerated() {
            let theirs = try #require(terraformDirs["m\(index)"], "\(source)")
            let ours = try fetcher.moduleDirectory(source: source, version: nil)
            let expected = Self.contents(of: workspace.path("root/" + theirs))
            #expect(!expected.isEmpty, "\(source)")
            #expect(Self.contents(of: ours) == expected, "\(source)")
        }
    }
}
