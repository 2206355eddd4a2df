import Foundation
import PerimeterModel
import PerimeterTerraform

/// Writes a throwaway root module (path -> contents) and evaluates it.
struct TemporaryModule {
    let directory: URL

    init(_ files: [String: String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-eval-\(UUID().uuidString)")
        for (path, contents) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    func evaluate(_ inputs: VariableInputs = VariableInputs()) -> TerraformEvaluation {
        TerraformEvaluator.evaluate(directory: directory.path, inputs: inputs)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

extension TerraformEvaluation {
    func resource(_ address: String) -> ResourceInstance? { resources.first { $0.address == address } }
    var addresses: [String] { resources.map(\.address) }
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

extension ResourceInstance {
    subscript(_ name: String) -> Value? { values[name] }
}

let examplesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")
