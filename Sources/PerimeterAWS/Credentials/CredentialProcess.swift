import Foundation

/// Runs a profile's `credential_process` and reads its JSON (`Version` 1, `AccessKeyId`, `SecretAccessKey`,
/// optional `SessionToken` and `Expiration`).
enum CredentialProcess {
    static func run(command: String, profile: String, timeout: TimeInterval = 60) throws -> AWSCredentials {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw CredentialError("credential_process of profile '\(profile)' could not start: \(error.localizedDescription)")
        }
        let deadline = DispatchTime.now() + timeout
        let finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            process.waitUntilExit()
            finished.signal()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        if finished.wait(timeout: deadline) == .timedOut {
            process.terminate()
            throw CredentialError("credential_process of profile '\(profile)' did not finish within \(Int(timeout)) s")
        }
        guard process.terminationStatus == 0 else {
            throw CredentialError("credential_process of profile '\(profile)' exited with status \(process.terminationStatus)")
        }
        return try parse(data, profile: profile)
    }

    static func parse(_ data: Data, profile: String) throws -> AWSCredentials {
        struct Output: Decodable {
            var Version: Int
            var AccessKeyId: String
            var SecretAccessKey: String
            var SessionToken: String?
            var Expiration: String?
        }
        guard let output = try? JSONDecoder().decode(Output.self, from: data) else {
            throw CredentialError(
                "credential_process of profile '\(profile)' did not print the expected JSON "
                    + "(Version, AccessKeyId, SecretAccessKey)")
        }
        guard output.Version == 1 else {
            throw CredentialError("credential_process of profile '\(profile)' printed Version \(output.Version); only 1 is known")
        }
        let expiration = output.Expiration.flatMap { ISO8601DateFormatter().date(from: $0) }
        return AWSCredentials(
            accessKeyID: output.AccessKeyId, secretAccessKey: output.SecretAccessKey,
            sessionToken: output.SessionToken, expiration: expiration,
            source: "credential_process of profile \(profile)")
    }
}
