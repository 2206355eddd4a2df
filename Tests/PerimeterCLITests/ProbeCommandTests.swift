import Foundation
import Testing

@Suite struct ProbeCommandTests {
    @Test func badAddressIsAUsageError() throws {
        let run = try CLI.run(["probe", "10.0.0.1:http"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("'10.0.0.1:http' is not an address"))
    }

    @Test func badPortsAreAUsageError() throws {
        let run = try CLI.run(["probe", "127.0.0.1", "--ports", "10250,abc"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--ports must be port numbers"))
    }

    /// Port 1 on loopback is closed: nothing answers, so no finding and exit 0, with the reason on stderr.
    @Test func closedPortIsReportedAsNoAnswer() throws {
        let run = try CLI.run(["probe", "http://127.0.0.1:1", "--timeout", "2", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("127.0.0.1:1: no answer"))
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect((report?["findings"] as? [Any])?.isEmpty == true)
    }
}
