import Foundation
import Testing

/// Golden files of what the CLI prints: `--help` of every command and subcommand (found by walking the
/// SUBCOMMANDS sections, so a new command gets a snapshot too) and the main error messages.
/// PERIMETER_UPDATE_GOLDEN=1 rewrites them; review the diff before committing.
@Suite struct HelpSnapshotTests {
    static let golden = CLI.package.appendingPathComponent("Tests/PerimeterCLITests/Golden")
    static let updating = ProcessInfo.processInfo.environment["PERIMETER_UPDATE_GOLDEN"] == "1"
    /// Help is wrapped to the terminal; 80 columns is what a pipe and most terminals get.
    static let environment = ["COLUMNS": "80", "NO_COLOR": "1"]

    /// Every command path: `[]`, `["scan"]`, `["rbac", "who-can"]`, ...
    static func commandPaths() throws -> [[String]] {
        var paths: [[String]] = [[]]
        var index = 0
        while index < paths.count {
            let help = try CLI.run(paths[index] + ["--help"], environment: environment).stdout
            paths += subcommands(in: help).map { paths[index] + [$0] }
            index += 1
        }
        return paths
    }

    /// Names listed under SUBCOMMANDS:, skipping `help`, which every group has.
    static func subcommands(in help: String) -> [String] {
        guard let section = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        var names: [String] = []
        for line in help[section.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("  ") else { break }
            let trimmed = line.drop { $0 == " " }
            // Continuation lines of a long abstract are indented further than the names.
            guard line.prefix(while: { $0 == " " }).count <= 4, let name = trimmed.split(separator: " ").first else { continue }
            if name != "help" { names.append(String(name)) }
        }
        return names
    }

    static func expectGolden(_ text: String, named name: String) throws {
        let url = golden.appendingPathComponent(name)
        let committed = try? String(contentsOf: url, encoding: .utf8)
        if updating, committed != text {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            committed == text, "\(name) differs from what the CLI prints: PERIMETER_UPDATE_GOLDEN=1 swift test --filter HelpSnapshotTests")
    }

    @Test func helpOfEveryCommandMatchesItsSnapshot() throws {
        let paths = try Self.commandPaths()
        #expect(paths.count >= 10, "found only \(paths.count) commands: \(paths)")
        for path in paths {
            let run = try CLI.run(path + ["--help"], environment: Self.environment)
            #expect(run.status == 0, "perimeter \(path.joined(separator: " ")) --help exited \(run.status)")
            try Self.expectGolden(run.stdout, named: "help/\(path.isEmpty ? "perimeter" : path.joined(separator: "-")).txt")
        }
    }

    /// No line of help is wider than 80 columns, and no example is broken across lines mid-command.
    @Test func helpFitsEightyColumns() throws {
        for path in try Self.commandPaths() {
            let help = try CLI.run(path + ["--help"], environment: Self.environment).stdout
            // The USAGE line is argument-parser's own synopsis, which it does not wrap.
            for line in help.split(separator: "\n") where !line.hasPrefix("USAGE:") {
                #expect(line.count <= 80, "perimeter \(path.joined(separator: " ")) --help: '\(line)' is \(line.count) columns")
                #expect(
                    !line.contains("   ") || line.hasPrefix(" ") || line.contains("  --") || line.contains("<"),
                    "stray run of spaces in '\(line)'")
            }
        }
    }

    static let errorCases: [(name: String, arguments: [String])] = [
        ("unknown-check", ["checks", "NET-999"]),
        ("unknown-check-option", ["scan", "examples/eks-before", "--check", "NET-999"]),
        ("missing-path", ["scan", "does-not-exist"]),
        ("unknown-subcommand", ["rbac", "frobnicate"]),
        ("bad-format", ["scan", "examples/eks-before", "--format", "yaml"]),
        ("cluster-without-aws", ["scan", "--cluster", "prod"])
    ]

    @Test(arguments: errorCases.map(\.name))
    func mainErrorMessagesMatchTheirSnapshots(name: String) throws {
        let arguments = try #require(Self.errorCases.first { $0.name == name }).arguments
        let run = try CLI.run(arguments, environment: Self.environment)
        #expect(run.status == 2, "perimeter \(arguments.joined(separator: " ")) exited \(run.status), expected 2")
        try Self.expectGolden(
            "$ perimeter \(arguments.joined(separator: " "))\nexit \(run.status)\n\(run.stderr)",
            named: "errors/\(name).txt")
    }
}
