import Foundation

/// Validates SARIF text against the official 2.1.0 schema with Python's `jsonschema`, the same
/// validator the project's test script installs. Missing tools are errors, never a skip.
enum SARIFSchemaValidator {
    enum Outcome: Equatable {
        case valid
        /// One line per schema violation: `runs/0/results/0/level: 'critical' is not one of ...`.
        case invalid([String])
        /// python3, jsonschema or the schema file is missing; the text says what to install.
        case unavailable(String)
    }

    static let schemaName = "sarif-schema-2.1.0.json"

    /// `PERIMETER_SARIF_SCHEMA`, else `shared/data/schemas/` in this file's directory or any parent
    /// (the project's shared data lives beside the checkouts).
    static func schemaPath() -> String? {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["PERIMETER_SARIF_SCHEMA"], fileManager.fileExists(atPath: path) {
            return path
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" && !directory.path.isEmpty {
            let candidate = directory.appendingPathComponent("shared/data/schemas/\(schemaName)").path
            if fileManager.fileExists(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    private static let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("the Python package 'jsonschema' is not installed: python3 -m pip install -r scripts/test-requirements.txt")
            sys.exit(3)
        with open(sys.argv[1]) as f:
            schema = json.load(f)
        with open(sys.argv[2]) as f:
            document = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        errors = sorted(cls(schema).iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
        for e in errors:
            print("/".join(str(p) for p in e.absolute_path) + ": " + e.message)
        sys.exit(1 if errors else 0)
        """

    static func validate(_ sarif: String) -> Outcome {
        guard let schema = schemaPath() else {
            return .unavailable(
                "cannot find \(schemaName) under shared/data/schemas in any parent of the tests; "
                    + "set PERIMETER_SARIF_SCHEMA to its path")
        }
        let document = FileManager.default.temporaryDirectory
            .appendingPathComponent("perimeter-sarif-\(UUID().uuidString).sarif")
        defer { try? FileManager.default.removeItem(at: document) }
        do {
            try sarif.write(to: document, atomically: true, encoding: .utf8)
        } catch {
            return .unavailable("cannot write \(document.path): \(error)")
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema, document.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            return .unavailable("cannot start python3 through /usr/bin/env: \(error); python3 is required")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        switch process.terminationStatus {
        case 0: return .valid
        case 1: return .invalid(text.split(separator: "\n").map(String.init))
        case 3: return .unavailable(text)
        case 127: return .unavailable("python3 is not installed (it is required to validate SARIF): \(text)")
        default: return .unavailable("python3 exited \(process.terminationStatus): \(text)")
        }
    }
}
