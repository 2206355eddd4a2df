import NIOCore
import PerimeterModel
import PerimeterProbe
import Testing

/// The probe against loopback servers started here: plain HTTP for the read-only port, HTTPS with a
/// throwaway certificate for 10250, answering 200 anonymously or 401, something that is not a kubelet,
/// and something that never answers.
@Suite(.serialized) struct KubeletProbeTests {
    /// Generous for servers that answer (the suite runs in parallel on two cores); the silent server's tests use a short one.
    let probe = KubeletProbe(timeout: .seconds(10), concurrency: 3)
    let impatient = KubeletProbe(timeout: .seconds(1), concurrency: 3)

    @Test func readOnlyPortThatAnswersIsNODE002() async throws {
        let server = try await LoopbackServer(.kubelet)
        defer { Task { await server.stop() } }
        let target = ProbeTarget(host: "127.0.0.1", port: server.port, useTLS: false)
        let results = await probe.probe([target])
        #expect(results.map(\.verdict) == [.readOnlyPortOpen])
        let findings = KubeletProbe.findings(results)
        #expect(findings.map(\.ruleId) == ["NODE-002"])
        #expect(findings.first?.resource == "127.0.0.1:\(server.port)")
        #expect(findings.first?.severity == .high)
        #expect(server.requests.all == ["GET /healthz", "GET /pods"], "read-only: only GETs, and no more than needed")
    }

    @Test func anonymousHTTPSKubeletIsNODE003() async throws {
        let server = try await LoopbackServer(.kubelet, tls: try ThrowawayCertificate.serverContext())
        defer { Task { await server.stop() } }
        let results = await probe.probe([ProbeTarget(host: "127.0.0.1", port: server.port, useTLS: true)])
        #expect(results.map(\.verdict) == [.anonymousAccess])
        #expect(KubeletProbe.findings(results).map(\.ruleId) == ["NODE-003"])
        #expect(KubeletProbe.findings(results).first?.severity == .critical)
    }

    @Test func kubeletThatAnswers401IsFine() async throws {
        let server = try await LoopbackServer(.unauthorized, tls: try ThrowawayCertificate.serverContext())
        defer { Task { await server.stop() } }
        let results = await probe.probe([ProbeTarget(host: "127.0.0.1", port: server.port, useTLS: true)])
        #expect(results.map(\.verdict) == [.authenticationRequired])
        #expect(KubeletProbe.findings(results).isEmpty)
        #expect(server.requests.all == ["GET /healthz"])
    }

    @Test func somethingElseIsNotAKubelet() async throws {
        let server = try await LoopbackServer(.website)
        defer { Task { await server.stop() } }
        let results = await probe.probe([ProbeTarget(host: "127.0.0.1", port: server.port, useTLS: false)])
        #expect(results.map(\.verdict) == [.notKubelet])
        #expect(KubeletProbe.findings(results).isEmpty)
        #expect(server.requests.all == ["GET /healthz", "GET /pods", "GET /metrics"], "at most three requests")
    }

    @Test func silentServerTimesOutWithinTheBound() async throws {
        let server = try await LoopbackServer(.silent)
        defer { Task { await server.stop() } }
        let clock = ContinuousClock()
        let start = clock.now
        let results = await impatient.probe([ProbeTarget(host: "127.0.0.1", port: server.port, useTLS: false)])
        let elapsed = clock.now - start
        #expect(results.map(\.verdict) == [.noAnswer])
        #expect(results.first?.exchanges.first?.contains("timed out") == true, "\(results.first?.exchanges ?? [])")
        #expect(elapsed < .seconds(8), "one request, bounded by the timeout: \(elapsed)")
    }

    @Test func plainHTTPToTLSPortAndClosedPortAreNoAnswer() async throws {
        let tlsServer = try await LoopbackServer(.kubelet, tls: try ThrowawayCertificate.serverContext())
        let closed = try await LoopbackServer(.kubelet)
        let closedPort = closed.port
        await closed.stop()
        defer { Task { await tlsServer.stop() } }
        // Plain HTTP to a TLS port gets no HTTP answer: a short timeout keeps the test quick.
        let results = await KubeletProbe(timeout: .seconds(3), concurrency: 3).probe([
            ProbeTarget(host: "127.0.0.1", port: closedPort, useTLS: false),
            ProbeTarget(host: "127.0.0.1", port: tlsServer.port, useTLS: false),
            ProbeTarget(host: "127.0.0.1", port: tlsServer.port, useTLS: true)
        ])
        #expect(results.map(\.verdict) == [.noAnswer, .noAnswer, .anonymousAccess], "results keep the order of the targets")
    }

    @Test func manyTargetsWithBoundedConcurrency() async throws {
        let servers = [
            try await LoopbackServer(.kubelet), try await LoopbackServer(.website), try await LoopbackServer(.silent),
            try await LoopbackServer(.unauthorized)
        ]
        defer { Task { for server in servers { await server.stop() } } }
        let targets = servers.map { ProbeTarget(host: "127.0.0.1", port: $0.port, useTLS: false) }
        let results = await KubeletProbe(timeout: .seconds(3), concurrency: 2).probe(targets)
        #expect(results.map(\.verdict) == [.readOnlyPortOpen, .notKubelet, .noAnswer, .authenticationRequired])
    }

    @Test func addresses() throws {
        #expect(
            try ProbeTarget.parse("10.0.1.17", ports: [10250, 10255]).get() == [
                ProbeTarget(host: "10.0.1.17", port: 10250, useTLS: true), ProbeTarget(host: "10.0.1.17", port: 10255, useTLS: false)
            ])
        #expect(try ProbeTarget.parse("127.0.0.1:8080", ports: [10250]).get() == [ProbeTarget(host: "127.0.0.1", port: 8080, useTLS: true)])
        #expect(
            try ProbeTarget.parse("http://127.0.0.1:8080/", ports: []).get() == [ProbeTarget(host: "127.0.0.1", port: 8080, useTLS: false)])
        #expect(try ProbeTarget.parse("[::1]:10255", ports: []).get().first?.description == "[::1]:10255")
        #expect(throws: ProbeError.self) { try ProbeTarget.parse("10.0.0.1:http", ports: []).get() }
        #expect(throws: ProbeError.self) { try ProbeTarget.parse("user@host", ports: [1]).get() }
    }
}
