import Foundation

/// A loopback HTTPS Kubernetes API (Fixtures/kube_api_server.py) serving real recorded objects, with a CA,
/// server and client certificates made by the openssl CLI for this run only.
final class LoopbackAPIServer: @unchecked Sendable {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let sharedData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/k8s")

    let directory: URL
    let token = "s3cr3t-\(UUID().uuidString)"
    let port: Int
    private let process: Process

    var url: String { "https://127.0.0.1:\(port)" }
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Every request the server saw, as `PATH?QUERY auth=token|cert|None`.
    var requests: [String] {
        ((try? String(contentsOfFile: path("requests.log"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    init(data: [String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-kube-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.makeCertificates(in: directory)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments =
            [
                "python3", Self.fixtures.appendingPathComponent("kube_api_server.py").path,
                "--cert", directory.appendingPathComponent("server.crt").path,
                "--key", directory.appendingPathComponent("server.key").path,
                "--client-ca", directory.appendingPathComponent("ca.crt").path,
                "--token", token, "--port-file", directory.appendingPathComponent("port").path,
                "--log", directory.appendingPathComponent("requests.log").path
            ]
            + data.map { Self.sharedData.appendingPathComponent($0).path }
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        process = server
        let portFile = directory.appendingPathComponent("port").path
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: portFile) {
            guard server.isRunning, Date() < deadline else {
                server.terminate()
                throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "loopback API server did not start"])
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        port = Int(try String(contentsOfFile: portFile, encoding: .utf8)) ?? 0
    }

    func stop() {
        if process.isRunning {
            // SIGKILL: a child can inherit a blocked SIGTERM from the test process's thread.
            kill(process.processIdentifier, SIGKILL)
            // Poll: Foundation's waitUntilExit can spin forever on a cooperative thread on Linux.
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Throwaway test material, made fresh in a temporary directory and deleted with it.
    private static func makeCertificates(in directory: URL) throws {
        let ext = directory.appendingPathComponent("san.ext")
        try "subjectAltName=IP:127.0.0.1\n".write(to: ext, atomically: true, encoding: .utf8)
        let steps: [[String]] = [
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key", "-out",
                "ca.crt", "-days", "1", "-subj", "/CN=perimeter-test-ca"
            ],
            [
                "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1"
            ],
            [
                "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt",
                "-days", "1", "-extfile", "san.ext"
            ],
            [
                "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "client.key", "-out", "client.csr",
                "-subj", "/O=ops/CN=alice"
            ],
            [
                "x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "client.crt", "-days",
                "1"
            ],
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "other-ca.key", "-out",
                "other-ca.crt", "-days", "1", "-subj", "/CN=other"
            ]
        ]
        for arguments in steps {
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            openssl.arguments = ["openssl"] + arguments
            openssl.currentDirectoryURL = directory
            openssl.standardOutput = FileHandle.nullDevice
            openssl.standardError = FileHandle.nullDevice
            try openssl.run()
            while openssl.isRunning { Thread.sleep(forTimeInterval: 0.01) }
            guard openssl.terminationStatus == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "openssl \(arguments[0]) failed"])
            }
        }
    }

    func base64(_ name: String) throws -> String {
        try Data(contentsOf: directory.appendingPathComponent(name)).base64EncodedString()
    }

    /// Writes a kubeconfig into the server's directory and returns its path.
    func writeKubeconfig(_ text: String, name: String = "kubeconfig") throws -> String {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }
}
