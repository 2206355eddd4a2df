import ArgumentParser
import Foundation
import NIOCore
import PerimeterChecks
import PerimeterProbe
import PerimeterReport

struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Ask kubelets what they really answer: a read-only port that serves data, anonymous access to 10250.",
        discussion: """
            Read-only and bounded: GET /healthz, /pods and /metrics only, at most three requests per address and \
            port, no credentials, certificate verification off (kubelets serve self-signed certificates). 10255 is \
            probed over HTTP, every other port over HTTPS; say http:// or https:// to choose.

            Findings use the catalog: NODE-002 when the read-only port answers, NODE-003 when the kubelet serves \
            a request without credentials. Exit status as for scan.

            Examples:
              perimeter probe 10.0.1.17 10.0.2.31
              perimeter probe 10.0.1.17 --ports 10250 --timeout 2 --format json
            """
    )

    @Argument(help: "Node addresses: HOST, HOST:PORT, [IPv6]:PORT, or http(s)://HOST:PORT.")
    var addresses: [String]

    @Option(help: "Ports to probe on an address given without one (comma-separated).")
    var ports: String = "10250,10255"

    @Option(help: "Seconds to wait for each request.")
    var timeout: Double = 5

    @Option(help: "Endpoints probed at once.")
    var concurrency: Int = 16

    @OptionGroup var report: ReportOptions

    func validate() throws {
        guard !addresses.isEmpty else { throw ValidationError("Give at least one address") }
        guard timeout > 0, timeout <= 300 else { throw ValidationError("--timeout must be between 0 and 300 seconds") }
        guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 256") }
        _ = try portList()
        _ = try targets()
    }

    private func portList() throws -> [Int] {
        let list = ports.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = list.compactMap(Int.init).filter { (1...65535).contains($0) }
        guard !list.isEmpty, numbers.count == list.count else {
            throw ValidationError("--ports must be port numbers such as 10250,10255, not '\(ports)'")
        }
        return numbers
    }

    private func targets() throws -> [ProbeTarget] {
        let ports = try portList()
        return try addresses.flatMap { address in
            switch ProbeTarget.parse(address, ports: ports) {
            case .success(let targets): return targets
            case .failure(let error): throw ValidationError(error.description)
            }
        }
    }

    func run() async throws {
        let probe = KubeletProbe(timeout: .milliseconds(Int64(timeout * 1000)), concurrency: concurrency)
        let results = await probe.probe(try targets())
        for result in results {
            FileHandle.standardError.write(
                Data("\(result.target): \(result.verdict.rawValue) (\(result.exchanges.joined(separator: "; ")))\n".utf8))
        }
        let findings = KubeletProbe.findings(results)
        let checks = ["NODE-002", "NODE-003"].compactMap { CheckRegistry.check(id: $0)?.description }
        let report = ScanReport(
            findings: findings, diagnostics: [], checks: checks, inputs: addresses,
            toolVersion: PerimeterVersion.current, suppressed: 0,
            sourceRoot: FileManager.default.currentDirectoryPath)
        try ReportOutput.write(report, format: self.report.format, output: self.report.output)
        if let threshold = self.report.failOn.severity, findings.contains(where: { $0.severity >= threshold }) { throw ExitCode(1) }
    }
}
