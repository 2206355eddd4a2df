import Foundation

/// Plans oracle cases with the real `terraform` (`init`, `plan -out p`, `show -json p`) in
/// throwaway directories, two at a time (the machines have two cores). Only the built-in
/// `terraform_data` resource is used, so nothing is downloaded.
enum TerraformPlanRunner {
    static let terraform: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { $0 + "/terraform" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Writes a case's files into a new temporary directory.
    static func materialize(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-plan-oracle-\(UUID().uuidString)")
        for (path, contents) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// Terraform's observation of each case, in case order; `workers` plans run at once.
    static func plan(_ cases: [OracleCase], workers: Int = 2) -> [Result<PlanObservation, OracleError>] {
        let results = ResultBox(count: cases.count)
        let next = ResultBox.Counter()
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            Thread.detachNewThread {
                while let index = next.take(below: cases.count) {
                    results.set(index, Result { try plan(cases[index].files) }.mapError { $0 as? OracleError ?? OracleError("\($0)") })
                }
                group.leave()
            }
        }
        group.wait()
        return results.values
    }

    static func plan(_ files: [String: String]) throws -> PlanObservation {
        guard let terraform else { throw OracleError("terraform is not on PATH") }
        let directory = try materialize(files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let initialized = try run(terraform, ["init", "-no-color", "-input=false", "-backend=false"], in: directory)
        guard initialized.status == 0 else { throw OracleError("terraform init failed: \(initialized.errors)") }
        let planned = try run(terraform, ["plan", "-no-color", "-input=false", "-out=p"], in: directory)
        // Terraform exits 1 for a configuration it rejects: that is an observation, not a failure.
        guard planned.status == 0 else { return .rejection }
        let shown = try run(terraform, ["show", "-json", "p"], in: directory)
        guard shown.status == 0 else { throw OracleError("terraform show failed: \(shown.errors)") }
        return try PlanObservation(terraformShow: shown.output)
    }

    private static func run(_ executable: String, _ arguments: [String], in directory: URL) throws -> (
        status: Int32, output: Data, errors: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["CHECKPOINT_DISABLE"] = "1"
        environment["TF_IN_AUTOMATION"] = "1"
        environment["TF_CLI_CONFIG_FILE"] = "/dev/null"
        environment["TF_PLUGIN_CACHE_DIR"] = nil
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a full pipe never blocks the child.
        let errorData = DataReader(errors.fileHandleForReading)
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, printed, String(decoding: errorData.finish(), as: UTF8.self))
    }
}

/// Reads a pipe to its end on another thread.
private final class DataReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func finish() -> Data {
        done.wait()
        return data
    }
}

/// Results filled in by worker threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<PlanObservation, OracleError>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<PlanObservation, OracleError>) {
        lock.withLock { slots[index] = result }
    }

    var values: [Result<PlanObservation, OracleError>] {
        lock.withLock { slots.map { $0 ?? .failure(OracleError("not planned")) } }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func take(below limit: Int) -> Int? {
            lock.withLock {
                guard value < limit else { return nil }
                defer { value += 1 }
                return value
            }
        }
    }
}
