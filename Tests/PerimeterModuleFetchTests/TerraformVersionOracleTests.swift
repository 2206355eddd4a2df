import Foundation
import Testing

@testable import PerimeterModuleFetch

/// Version selection checked against Terraform itself: `terraform get` installs from the same loopback registry
/// (a CLI config `host` block points `modules.v1` at it, so no name is looked up), and for every constraint the
/// version it picks, or its refusal, must be ours. Skips, saying so, when `terraform` is not on the PATH.
@Suite struct TerraformVersionOracleTests {
    static let versions = [
        "0.0.1", "0.0.2", "0.0.3-alpha.1", "1.0.0", "1.2.0", "1.3.0-beta.1", "1.10.0", "2.0.0",
        "20.0.0", "20.1.2", "20.1.9", "20.2.0", "21.0.0-rc.1"
    ]
    static let constraints = [
        "~> 20.0", "~> 20.1.2", "~> 20.1", "~> 1.2.0", "~> 1.0", "~> 1", "~> 0.0.1", ">= 1.0, < 2.0", "> 1.0.0, != 1.10.0",
        "< 20.1.9", "<= 20.1.9", "= 1.2.0", "1.2", "v2.0.0", "!= 20.2.0", ">= 20.1.2", "0.0.3-alpha.1", "<= 0.0.3-alpha.1",
        ">= 1.3.0-beta.1, < 2", "21.0.0-rc.1", ">= 21.0.0-rc.1", "~> 30.0", "< 0.0.1", "0.0.3-alpha.1, >= 0.0.2"
    ]
    static let host = "registry.perimeter.test"

    static var terraform: String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { $0 + "/terraform" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `terraform get` on one module block per constraint: each block's installed version, or nil where
    /// Terraform reports it unresolvable.
    static func terraformPicks(
        _ constraints: [String], workspace: TestWorkspace, server: ModuleTestServer,
        terraform: String
    ) throws -> [String?] {
        try workspace.write(
            "cli.tfrc",
            """
            host "\(host)" {
              services = { "modules.v1" = "\(server.origin)/v1/modules/" }
            }
            """)
        func run(_ indices: [Int], in directory: String) throws -> (failedLines: Set<Int>, installed: [String: String]) {
            // Four lines per block, so an error's line names its block.
            let text = indices.map {
                "module \"m\($0)\" {\n  source  = \"\(host)/acme/nodes/aws\"\n  version = \"\(constraints[$0])\"\n}\n"
            }
            try workspace.write("\(directory)/main.tf", text.joined())
            let process = Process()
            process.executableURL = URL(fileURLWithPath: terraform)
            process.arguments = ["get", "-no-color"]
            process.currentDirectoryURL = URL(fileURLWithPath: workspace.path(directory))
            var environment = ProcessInfo.processInfo.environment
            environment["TF_CLI_CONFIG_FILE"] = workspace.path("cli.tfrc")
            environment["CHECKPOINT_DISABLE"] = "1"
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let log = String(decoding: data, as: UTF8.self)
            var failed = Set<Int>()
            for line in log.split(separator: "\n") where line.hasPrefix("  on main.tf line ") {
                if let number = Int(line.dropFirst("  on main.tf line ".count).prefix { $0.isNumber }) { failed.insert(number) }
            }
            var installed: [String: String] = [:]
            if let manifest = FileManager.default.contents(atPath: workspace.path("\(directory)/.terraform/modules/modules.json")),
                let json = try JSONSerialization.jsonObject(with: manifest) as? [String: Any],
                let modules = json["Modules"] as? [[String: Any]]
            {
                for module in modules {
                    if let key = module["Key"] as? String, let version = module["Version"] as? String { installed[key] = version }
                }
            }
            if process.terminationStatus != 0 && failed.isEmpty { throw SetupError("terraform get failed: \(log)") }
            return (failed, installed)
        }
        let all = Array(constraints.indices)
        let first = try run(all, in: "all")
        let unresolvable = Set(all.filter { first.failedLines.contains($0 * 4 + 1) })
        let resolvable = all.filter { !unresolvable.contains($0) }
        let second = try run(resolvable, in: "resolvable")
        return all.map { unresolvable.contains($0) ? nil : second.installed["m\($0)"] }
    }

    @Test func everyConstraintPicksWhatTerraformGetPicks() throws {
        guard let terraform = Self.terraform else {
            print("terraform is not on the PATH: the version oracle is skipped (VersionConstraintTests still run)")
            return
        }
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("src/main.tf", "# module\n")
        for version in Self.versions { try workspace.tarball(of: "src", to: "reg/acme/nodes/aws/\(version).tar.gz") }
        let server = try ModuleTestServer(["registry", workspace.path("reg")])
        defer { server.stop() }

        let theirs = try Self.terraformPicks(Self.constraints, workspace: workspace, server: server, terraform: terraform)
        let available = Self.versions.compactMap(ModuleVersion.init)
        let ours = try Self.constraints.map { try VersionConstraints(parsing: $0).newest(of: available)?.description }
        for (index, constraint) in Self.constraints.enumerated() {
            #expect(
                ours[index] == theirs[index], "'\(constraint)': perimeter \(ours[index] ?? "none"), terraform \(theirs[index] ?? "none")")
        }
        // The corpus covers both outcomes.
        #expect(theirs.contains(nil) && theirs.contains { $0 != nil })
    }
}
