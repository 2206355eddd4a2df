import Foundation
import PerimeterKubelet
import PerimeterModel
import Testing

/// kubescape's own KubeletInfo test inputs, read as the kubelet would apply them, compared with kubescape's
/// expected alerts for the three controls perimeter shares (NODE-002/003/004).
@Suite struct KubeletInfoTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var folder: String
        /// What the kubelet runs with, for the control's setting; nil: not known from the input.
        var effective: String?
        /// Whether perimeter reports it (the control's condition holds for a known value).
        var reported: Bool
        var testDescription: String { folder }
    }

    static let anonymous = "anonymous-requests-to-kubelet-updated/test/"
    static let mode = "kubelet-authorization-mode-alwaysAllow/test/"
    static let port = "read-only-port-enabled-updated/test/"

    static let cases: [Case] = [
        Case(folder: anonymous + "invalid-cli-argument", effective: "true", reported: true),
        Case(folder: anonymous + "invalid-config-no-value", effective: "false", reported: false),
        Case(folder: anonymous + "invalid-config-value", effective: "true", reported: true),
        // No --config: the kubelet never reads the file the scanner attached; the default without one is true.
        Case(folder: anonymous + "no-cli-params", effective: "true", reported: true),
        Case(folder: anonymous + "valid-cli", effective: "false", reported: false),
        Case(folder: anonymous + "valid-config", effective: "false", reported: false),
        Case(folder: mode + "fail-no-cli-and-config", effective: "AlwaysAllow", reported: true),
        // --config named, but the scanner could not read it: unknown, not reported as fact.
        Case(folder: mode + "fail-sensor-failed", effective: nil, reported: false),
        Case(folder: mode + "invalid-cli-argument", effective: "AlwaysAllow", reported: true),
        Case(folder: mode + "invalid-config-value", effective: "AlwaysAllow", reported: true),
        Case(folder: mode + "valid-cli-argument", effective: "Webhook", reported: false),
        Case(folder: mode + "valid-config-value", effective: "Webhook", reported: false),
        Case(folder: port + "cli-fail", effective: "1", reported: true),
        Case(folder: port + "cli-pass", effective: "0", reported: false),
        Case(folder: port + "config-fail", effective: "1", reported: true),
        Case(folder: port + "config-pass", effective: "0", reported: false)
    ]

    private func read(_ folder: String) throws -> (settings: KubeletSettings, diagnostics: [Diagnostic]) {
        let path = SharedData.path("k8s/kubelet/kubescape-regolibrary/\(folder)/input/kubelet-info.json")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(KubeletInfoReader.looksLikeKubeletInfo(text))
        let document = try #require(try MarkedYAML.documents(text, file: path).get().first)
        var settings = KubeletSettings(key: folder, provenance: Provenance(resource: folder, origin: .file), source: .kubeletInfo)
        let diagnostics = KubeletInfoReader.read(document, file: path, into: &settings)
        return (settings, diagnostics)
    }

    private func value(_ settings: KubeletSettings, _ folder: String) -> String? {
        if folder.hasPrefix(Self.anonymous) { return settings.anonymousAuth?.value.value.map { String($0) } }
        if folder.hasPrefix(Self.mode) { return settings.authorizationMode?.value.value }
        return settings.readOnlyPort?.value.value.map { String($0) }
    }

    private func holds(_ value: String?, _ folder: String) -> Bool {
        guard let value else { return false }
        if folder.hasPrefix(Self.anonymous) { return value == "true" }
        if folder.hasPrefix(Self.mode) { return value == "AlwaysAllow" }
        return value != "0"
    }

    @Test(arguments: cases)
    func effectiveValueOfEachCase(_ testCase: Case) throws {
        let (settings, _) = try read(testCase.folder)
        let value = value(settings, testCase.folder)
        #expect(value == testCase.effective)
        #expect(holds(value, testCase.folder) == testCase.reported)
    }

    /// 16 cases: 14 agree with kubescape's expected alerts; the 2 that differ are the kubelet's semantics
    /// (no-cli-params: no --config, so the file is not loaded; fail-sensor-failed: an unread file is unknown).
    @Test func agreementWithKubescape() throws {
        var agree = 0
        var disagree: [String] = []
        for testCase in Self.cases {
            let expected = SharedData.path("k8s/kubelet/kubescape-regolibrary/\(testCase.folder)/expected.json")
            let alerts = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: expected))) as? [Any])
            if alerts.isEmpty != testCase.reported { agree += 1 } else { disagree.append(testCase.folder) }
        }
        #expect(agree == 14)
        #expect(disagree == [Self.anonymous + "no-cli-params", Self.mode + "fail-sensor-failed"])
    }

    @Test func configFileValuesPointAtTheContentKey() throws {
        let (settings, diagnostics) = try read(Self.anonymous + "invalid-config-value")
        #expect(settings.anonymousAuth?.layer?.kind == .configFile)
        #expect(settings.anonymousAuth?.location?.line == 7)
        #expect(settings.anonymousAuth?.text.contains("of the decoded configFile.content") == true)
        #expect(diagnostics.isEmpty)
        let unread = try read(Self.mode + "fail-sensor-failed")
        #expect(unread.diagnostics.count == 1)
    }
}
