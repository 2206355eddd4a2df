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
            let result = relative.hasSuffix(".json") ? HCLParser.parseJSONFile(source: source, path: path)
                                                     : HCLParser.parseFile(source: source, path: path)
            files += 1
            failures += result.diagnostics.map(\.description)
        }
        print("parsed \(files) corpus files, \(failures.count) diagnostics")
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
    }
}
