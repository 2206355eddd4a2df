import Foundation

/// Runs an exec credential plugin the way kubectl does and reads the token (or client certificate) from
/// its ExecCredential status. The plugin's stderr is passed on only in error messages, trimmed.
public enum ExecCredentialRunner {
    public struct Credential: Sendable {
        public var token: String?
        public var clientCertificatePEM: [UInt8]?
        public var clientKeyPEM: [UInt8]?
    }

    public static func run(_ plugin: ExecPlugin, environment: [String: String], timeout: TimeInterval = 30) throws -> Credential {
        let process = Process()
        if plugin.command.contains("/") {
            process.executableURL = URL(fileURLWithPath: Kubeconfig.resolve(plugin.command, in: plugin.baseDirectory))
        } else {
            guard let found = lookUp(plugin.command, path: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin") else {
                throw KubeClientError("Exec plugin '\(plugin.command)' not found in PATH")
            }
            process.executableURL = URL(fileURLWithPath: found)
        }
        process.arguments = plugin.args
        var env = environment
        env.merge(plugin.env) { $1 }
        env["KUBERNETES_EXEC_INFO"] = #"{"apiVersion":"\#(plugin.apiVersion)","kind":"ExecCredential","spec":{"interactive":false}}"#
        process.environment = env
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw KubeClientError("Exec plugin '\(plugin.command)' could not start: \(error.localizedDescription)")
        }
        // Read both pipes while the plugin runs, so a chatty plugin cannot block on a full pipe.
        let collected = Collected()
        let group = DispatchGroup()
        for (pipe, isOutput) in [(output, true), (errors, false)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.set(data, isOutput: isOutput)
                group.leave()
            }
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw KubeClientError("Exec plugin '\(plugin.command)' did not finish within \(Int(timeout)) s")
        }
        // Poll rather than waitUntilExit, which can spin on Linux when called from a concurrency thread.
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        let (stdout, stderr) = collected.values
        guard process.terminationStatus == 0 else {
            let reason = String(decoding: stderr, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            throw KubeClientError(
                "Exec plugin '\(plugin.command)' exited with status \(process.terminationStatus)\(reason.isEmpty ? "" : ": \(reason.prefix(200))")"
            )
        }
        return try parse(stdout, command: plugin.command)
    }

    static func parse(_ data: Data, command: String) throws -> Credential {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            object["kind"] as? String == "ExecCredential", let status = object["status"] as? [String: Any]
        else {
            throw KubeClientError("Exec plugin '\(command)' did not print an ExecCredential with a status")
        }
        let token = status["token"] as? String
        let certificate = (status["clientCertificateData"] as? String).map { Array($0.utf8) }
        let key = (status["clientKeyData"] as? String).map { Array($0.utf8) }
        guard token?.isEmpty == false || (certificate != nil && key != nil) else {
            throw KubeClientError("Exec plugin '\(command)' returned neither a token nor a client certificate and key")
        }
        return Credential(token: token, clientCertificatePEM: certificate, clientKeyPEM: key)
    }

    static func lookUp(_ command: String, path: String) -> String? {
        for directory in path.split(separator: ":") {
            let candidate = (String(directory) as NSString).appendingPathComponent(command)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var output = Data()
        private var errors = Data()

        func set(_ data: Data, isOutput: Bool) {
            lock.lock()
            defer { lock.unlock() }
            if isOutput { output = data } else { errors = data }
        }

        var values: (Data, Data) {
            lock.lock()
            defer { lock.unlock() }
            return (output, errors)
        }
    }
}
