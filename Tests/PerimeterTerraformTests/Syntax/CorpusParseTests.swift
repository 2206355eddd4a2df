import Foundation
import PerimeterTerraform
import Testing

/// Every `.tf` file of real public modules must parse without a single diagnostic. The copies are not
/// committed: set PERIMETER_CORPUS_DIR (bench/corpus holds them after `bench/bench.py` setup).
@Suite struct CorpusParseTests {
    static var corpus: String? {
        if let directory = ProcessInfo.processInfo.environment["PERIMETER_CORPUS_DIR"] { return directory }
        let local = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("bench/corpus").path
        return FileManager.default.fileExists(atPath: local) ? local : nil
    }

    @Test func realModulesParseWithoutDiagnostics() throws {
        guard let corpus = Self.corpus else {
            print("skipped: no corpus (set PERIMETER_CORPUS_DIR or populate bench/corpus)")
            return
        }
        var files = 0
        var failures: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: corpus)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".tf") || relative.hasSuffix(".tf.json") else { continue }
            let path = corpus + "/" + relative
            let source = try String(contentsOfFile: path, encoding: .utf8)
            let result =
                relative.hasSuffix(".json")
                ? HCLParser.parseJSONFile(source: source, path: path)
                : HCLParser.parseFile(source: source, path: path)
            files += 1
            failures += result.diagnostics.map(\.description)
        }
        print("parsed \(files) corpus files, \(failures.count) diagnostics")
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
    }
}

/// Every root module of the public modules evaluates without an error of ours.
@Suite struct CorpusEvaluationTests {
    /// terraform-aws-vpc's `examples/issues` (module vpc_issue_46) calls `coalescelist([], [])`, which
    /// Terraform 1.11 rejects too ("no non-null arguments", checked with `terraform console`).
    static let upstreamErrors = ["terraform-aws-vpc/main.tf:498:5", "terraform-aws-vpc/main.tf:848:5"]

    @Test func realModulesEvaluateWithoutErrors() throws {
        guard let corpus = CorpusParseTests.corpus else {
            print("skipped: no corpus (set PERIMETER_CORPUS_DIR or populate bench/corpus)")
            return
        }
        let loader = ModuleLoader()
        var roots = 0
        var resources = 0
        var errors: [String] = []
        for name in ["terraform-aws-eks", "terraform-aws-vpc", "terraform-aws-security-group"] {
            let base = corpus + "/" + name
            guard FileManager.default.fileExists(atPath: base) else { continue }
            for root in TerraformEvaluator.rootModules(under: base, loader: loader) {
                let result = TerraformEvaluator.evaluate(directory: root, loader: loader)
                roots += 1
                resources += result.resources.count
                errors += result.diagnostics.filter { $0.severity == .error }.map(\.description)
            }
        }
        errors += loader.diagnostics.filter { $0.severity == .error }.map(\.description)
        let ours = errors.filter { error in !Self.upstreamErrors.contains { error.contains($0) } }
        print("evaluated \(roots) root modules, \(resources) resource instances, \(errors.count - ours.count) upstream errors")
        #expect(ours.isEmpty, "\(ours.prefix(20).joined(separator: "\n"))")
    }
}
