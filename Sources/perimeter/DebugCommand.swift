import ArgumentParser
import Foundation
import PerimeterModel
import PerimeterTerraform

/// Developer commands behind the benchmarks and the corpus checks; hidden from `--help`.
struct DebugCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug",
        abstract: "Parse or evaluate Terraform and print what came out (for benchmarks and bug reports).",
        shouldDisplay: false,
        subcommands: [Parse.self, Evaluate.self]
    )

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Parse .tf files; print the file and error counts.")

        @Argument var files: [String] = []
        @Option(help: "Read the file list from this file, one path a line.") var filesFrom: String?

        func run() throws {
            var paths = files
            if let filesFrom {
                paths += (try String(contentsOfFile: filesFrom, encoding: .utf8)).split(separator: "\n").map(String.init)
            }
            var errors: [Diagnostic] = []
            for path in paths {
                guard let source = try? String(contentsOfFile: path, encoding: .utf8) else {
                    errors.append(.error("Cannot read file", file: path))
                    continue
                }
                let result =
                    path.hasSuffix(".json")
                    ? HCLParser.parseJSONFile(source: source, path: path)
                    : HCLParser.parseFile(source: source, path: path)
                errors += result.diagnostics.filter { $0.severity == .error }
            }
            for error in errors.prefix(20) { FileHandle.standardError.write(Data("\(error)\n".utf8)) }
            print("\(paths.count) files, \(errors.count) errors")
            if !errors.isEmpty { throw ExitCode(2) }
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate every root module under the paths; print resource and diagnostic counts.")

        @Argument var paths: [String]
        @Flag(help: "Print every resource address.") var list = false
        @Flag(help: "Print every resource with its values.") var values = false
        @Flag(help: "Print warnings too.") var warnings = false

        func run() throws {
            let loader = ModuleLoader()
            var resources = 0
            var roots = 0
            var diagnostics: [Diagnostic] = []
            for path in paths {
                for root in TerraformEvaluator.rootModules(under: path, loader: loader) {
                    roots += 1
                    let evaluation = TerraformEvaluator.evaluate(directory: root, loader: loader)
                    resources += evaluation.resources.count
                    diagnostics += evaluation.diagnostics
                    if list {
                        for resource in evaluation.resources { print(resource.address) }
                    }
                    if values {
                        for resource in evaluation.resources {
                            print("\(resource.address) = \(ValueText.render(.object(resource.values)))")
                        }
                    }
                }
            }
            diagnostics = loader.diagnostics + diagnostics
            let errors = diagnostics.filter { $0.severity == .error }
            for diagnostic in diagnostics where diagnostic.severity == .error || warnings {
                FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
            }
            print(
                "\(roots) root modules, \(loader.filesParsed) files, \(resources) resource instances, \(errors.count) errors, \(diagnostics.count - errors.count) warnings"
            )
            if !errors.isEmpty { throw ExitCode(2) }
        }
    }
}

/// Values as one line of text for debugging: unknowns show what they stand for.
enum ValueText {
    static func render(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return String(flag)
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text): return "\"\(text)\""
        case .list(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
        case .set(let items): return "set[" + items.map(render).joined(separator: ", ") + "]"
        case .object(let fields):
            return "{" + fields.sorted { $0.key < $1.key }.map { "\($0.key) = \(render($0.value))" }.joined(separator: ", ") + "}"
        case .unknown(let unknown): return "(unknown: \(unknown.reference ?? unknown.reason))"
        }
    }
}
