import Foundation
import PerimeterScan
import Testing

/// A module call whose directory holds no Terraform files is read as an empty module, as Terraform does
/// (`terraform validate` passes), but never silently: a warning at the call names the directory.
@Suite struct EmptyModuleDirectoryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/empty-module-directory")

    @Test func theCallIsAWarningAtItsLine() {
        let result = Scanner.scan(ScanOptions(paths: [Self.root.path]))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let warnings = result.diagnostics.filter { $0.message.contains("holds no .tf or .tf.json files") }
        #expect(warnings.count == 1, "\(result.diagnostics)")
        #expect(warnings.first?.severity == .warning)
        #expect(warnings.first?.message.contains("module.nodes") == true, "\(warnings)")
        #expect(warnings.first?.location?.line == 3, "\(warnings)")
    }
}
