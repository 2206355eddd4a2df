import Foundation

/// A server from `module_test_server.py` (a module registry or a silent socket) on 127.0.0.1. It stops when
/// `stop()` is called or when this test process ends (its standard input closes).
final class ModuleTestServer: @unchecked Sendable {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let script = packageRoot.appendingPathComponent("Tests/PerimeterModuleFetchTests/Support/module_test_server.py").path

    private let process: Process
    private let input: Pipe
    let port: Int
    var origin: String { "http://127.0.0.1:\(port)" }
    /// What a registry address on this server starts with.
    var host: String { "127.0.0.1:\(port)" }

    init(_ arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script] + arguments
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw SetupError("\(arguments.first ?? "server") did not start: '\(text)'")
        }
        self.port = port
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// Requests seen per kind: discovery, versions, download, archives, files.
    func counts() throws -> [String: Int] {
        try JSONDecoder().decode([String: Int].self, from: Data(contentsOf: URL(string: "\(origin)/__counts")!))
    }
}

struct SetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
