import Foundation

enum Paths {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples = package.appendingPathComponent("examples")
    static let inputs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/inputs")

    static func example(_ name: String) -> String { examples.appendingPathComponent(name).path }
    static func input(_ name: String) -> String { inputs.appendingPathComponent(name).path }
}
