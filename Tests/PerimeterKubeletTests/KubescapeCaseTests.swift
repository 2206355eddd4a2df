import Foundation
import PerimeterKubelet
import PerimeterModel
import Testing

/// kubescape's own kubelet rule tests (real kubelet command lines and config files): the flags read from
/// `cmdLine`, layered over the decoded config file, give the settings each case is about.
@Suite struct KubescapeCaseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var folder: String
        var readOnlyPort: Int?
        var anonymous: Bool?
        var mode: String?
        var testDescription: String { folder }
    }

    static let cases: [Case] = [
        Case(folder: "read-only-port-enabled-updated/test/cli-fail", readOnlyPort: 1, anonymous: false, mode: "Webhook"),
        Case(folder: "read-only-port-enabled-updated/test/cli-pass", readOnlyPort: 0, anonymous: false, mode: "Webhook"),
        Case(folder: "read-only-port-enabled-updated/test/config-fail", readOnlyPort: 1, anonymous: false, mode: "Webhook"),
        Case(folder: "read-only-port-enabled-updated/test/config-pass", readOnlyPort: 0, anonymous: false, mode: "Webhook"),
        Case(folder: "anonymous-requests-to-kubelet-updated/test/invalid-cli-argument", anonymous: true, mode: "Webhook"),
        Case(folder: "anonymous-requests-to-kubelet-updated/test/invalid-config-value", anonymous: true, mode: "Webhook"),
        Case(folder: "anonymous-requests-to-kubelet-updated/test/invalid-config-no-value", anonymous: nil, mode: "Webhook"),
        Case(folder: "anonymous-requests-to-kubelet-updated/test/no-cli-params", anonymous: false, mode: "Webhook"),
        Case(folder: "anonymous-requests-to-kubelet-updated/test/valid-config", anonymous: false, mode: "Webhook"),
        Case(folder: "kubelet-authorization-mode-alwaysAllow/test/invalid-cli-argument", anonymous: true, mode: "AlwaysAllow"),
        Case(folder: "kubelet-authorization-mode-alwaysAllow/test/invalid-config-value", anonymous: nil, mode: "AlwaysAllow"),
        Case(folder: "kubelet-authorization-mode-alwaysAllow/test/valid-cli-argument", anonymous: true, mode: "Webhook"),
        Case(folder: "kubelet-authorization-mode-alwaysAllow/test/valid-config-value", anonymous: nil, mode: "Webhook"),
        Case(folder: "kubelet-authorization-mode-alwaysAllow/test/fail-no-cli-and-config", anonymous: nil, mode: nil)
    ]

    @Test(arguments: cases)
    func flagsOverConfigFile(_ testCase: Case) throws {
        let base = "k8s/kubelet/kubescape-regolibrary/\(testCase.folder)/input/"
        let info = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: SharedData.path(base + "kubelet-info.json"))))
        let commandLine = try #require(((info as? [String: Any])?["data"] as? [String: Any])?["cmdLine"] as? String)
        var settings = KubeletSettings(key: "node", provenance: Provenance(resource: "node", origin: .file), source: .flags)
        let configPath = SharedData.path(base + "decoded-config.yaml")
        if FileManager.default.fileExists(atPath: configPath) {
            let documents = try MarkedYAML.documents(String(contentsOfFile: configPath, encoding: .utf8), file: configPath).get()
            let config = try #require(documents.first)
            #expect(KubeletConfigurationReader.isKubeletConfiguration(config))
            KubeletConfigurationReader.apply(KubeletConfigurationReader.read(config, file: configPath), to: &settings)
        }
        KubeletConfigurationReader.apply(
            KubeletFlags.read(commandLine) { line, column in
                PerimeterModel.SourceLocation(file: "cmdline", line: line, column: column)
            }, to: &settings)
        #expect(settings.readOnlyPort?.value.value == testCase.readOnlyPort)
        #expect(settings.anonymousAuth?.value.value == testCase.anonymous)
        #expect(settings.authorizationMode?.value.value == testCase.mode)
    }
}
