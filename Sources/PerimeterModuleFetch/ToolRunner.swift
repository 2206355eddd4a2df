import Foundation

/// Runs git, tar, unzip or python3 with a deadline; a tool that overruns is stopped, and its output is kept
/// for the error message.
enum ToolRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(
        _ arguments: [String], in directory: String? = nil, timeout: Double,
        environment: [String: String] = [:]
    ) throws(ModuleFetchError) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // An inherited GIT_DIR or GIT_WORK_TREE (perimeter run from a hook) would point git at the user's repository.
        if arguments.first == "git" { env = env.filter { !$0.key.hasPrefix("GIT_") } }
        env.merge(environment) { $1 }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw .toolFailed(tool: arguments.first ?? "?", output: "cannot start it: \(error.localizedDescription)")
        }
        // Read both pipes at once so neither can fill and block the tool.
        let reader = PipeReader(out, err)
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            throw .timedOut(what: "'\(arguments.prefix(2).joined(separator: " "))'", seconds: timeout)
        }
        let (stdout, stderr) = reader.finish()
        return Output(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Runs and requires exit status 0.
    @discardableResult
    static func check(
        _ arguments: [String], in directory: String? = nil, timeout: Double,
        environment: [String: String] = [:]
    ) throws(ModuleFetchError) -> String {
        let output = try run(arguments, in: directory, timeout: timeout, environment: environment)
        guard output.status == 0 else {
            let text = output.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .toolFailed(tool: arguments.prefix(2).joined(separator: " "), output: String(text.suffix(600)))
        }
        return output.stdout
    }
}

private final class PipeReader: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    init(_ stdout: Pipe, _ stderr: Pipe) {
        group.enter()
        DispatchQueue.global().async {
            let data = stdout.fileHandleForReading.readDataToEndOfFile()
            self.lock.withLock { self.out = data }
            self.group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            let data = stderr.fileHandleForReading.readDataToEndOfFile()
            self.lock.withLock { self.err = data }
            self.group.leave()
        }
    }

    func finish() -> (String, String) {
        // A grandchild holding the pipe open must not stall us forever.
        _ = group.wait(timeout: .now() + 5)
        return lock.withLock { (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self)) }
    }
}
