import Foundation
import PerimeterTerraform
import Testing

/// Runs every oracle expression through the real `terraform console` (when it is on PATH) and
/// through `FunctionLibrary`, and compares the `jsonencode` of both results.
@Suite struct TerraformOracleTests {
    static let terraform: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { $0 + "/terraform" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static let failureMarker = "!perimeter-oracle-error!"

    @Test(.enabled(if: terraform != nil, "terraform is not on PATH: oracle comparison skipped"))
    func functionLibraryAgreesWithTerraform() throws {
        let expressions = OracleCases.expressions
        #expect(expressions.count >= 150)
        let expected = try Self.terraformResults(expressions)
        try #require(
            expected.count == expressions.count, "terraform returned \(expected.count) results for \(expressions.count) expressions")
        // The comparison means something only if most expressions succeed in Terraform.
        #expect(expected.filter { $0 != Self.failureMarker }.count >= 150)
        var mismatches: [String] = []
        for (expression, terraformResult) in zip(expressions, expected) {
            let ours: String
            do {
                let value = try OracleExpression.evaluate(expression, context: FunctionTesting.context)
                ours = try FunctionTesting.encode(value)
            } catch is FunctionError {
                ours = Self.failureMarker
            }
            if ours != terraformResult {
                mismatches.append("\(expression)\n  terraform: \(terraformResult)\n  perimeter: \(ours)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
    }

    /// One console process for all expressions: a single line evaluating a tuple of their
    /// `jsonencode` texts (or a marker when they fail), base64-encoded so the console's own
    /// string quoting does not matter.
    static func terraformResults(_ expressions: [String]) throws -> [String] {
        let terraform = try #require(terraform)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let items = expressions.map { "try(jsonencode(\($0)), \"\(failureMarker)\")" }
        let line = "base64encode(jsonencode([\(items.joined(separator: ", "))]))\n"

        let process = Process()
        process.executableURL = URL(fileURLWithPath: terraform)
        process.arguments = ["console", "-no-color"]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["CHECKPOINT_DISABLE"] = "1"
        environment["TF_CLI_CONFIG_FILE"] = "/dev/null"
        environment["TF_IN_AUTOMATION"] = "1"
        process.environment = environment
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(line.utf8))
        try input.fileHandleForWriting.close()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let failure = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        let text = String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, text.hasPrefix("\""), text.hasSuffix("\""),
            let json = Data(base64Encoded: String(text.dropFirst().dropLast())),
            let results = try JSONSerialization.jsonObject(with: json) as? [String]
        else {
            throw OracleExpression.ParseError(
                description: "terraform console failed (\(process.terminationStatus)): \(text) \(String(decoding: failure, as: UTF8.self))")
        }
        return results
    }
}
