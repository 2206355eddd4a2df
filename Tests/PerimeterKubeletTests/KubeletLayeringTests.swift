import Foundation
import PerimeterKubelet
import PerimeterModel
import Testing
import Yams

/// The kubelet's own precedence: compiled-in defaults ← `--config` file ← `--config-dir` drop-ins (lexical
/// order) ← flags, each effective value tagged with the layer that set it.
@Suite struct KubeletLayeringTests {
    private func commandLine(_ text: String) throws -> KubeletCommandLine {
        try #require(KubeletCommandLine.bare(text, file: "cmdline"))
    }

    private func layer(_ yaml: String, file: String) throws -> KubeletLayering.ConfigLayer {
        try KubeletLayering.configLayer(yaml, file: file).get()
    }

    private func effective(_ text: String, _ referenced: KubeletLayering.Referenced = .init()) throws
        -> (settings: KubeletSettings, diagnostics: [Diagnostic])
    {
        var settings = KubeletSettings(key: "node", provenance: Provenance(resource: "node", origin: .file), source: .commandLine)
        let diagnostics = KubeletLayering.effective(try commandLine(text), referenced: referenced, into: &settings)
        return (settings, diagnostics)
    }

    @Test func withoutConfigTheLegacyFlagDefaultsApply() throws {
        let (settings, _) = try effective("/usr/bin/kubelet --kubeconfig=/etc/kubernetes/kubelet.conf")
        #expect(settings.readOnlyPort?.value == .known(10255))
        #expect(settings.anonymousAuth?.value == .known(true))
        #expect(settings.authorizationMode?.value == .known("AlwaysAllow"))
        #expect(settings.readOnlyPort?.layer?.kind == .flagDefault)
        #expect(settings.readOnlyPort?.location == SourceLocation(file: "cmdline", line: 1, column: 1))
    }

    @Test func aConfigFileBringsItsOwnDefaults() throws {
        let config = try layer("apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n", file: "config.yaml")
        let (settings, _) = try effective("kubelet --config=/var/lib/kubelet/config.yaml", .init(configFile: .some(config)))
        #expect(settings.readOnlyPort?.value == .known(0))
        #expect(settings.anonymousAuth?.value == .known(false))
        #expect(settings.authorizationMode?.value == .known("Webhook"))
        #expect(settings.authorizationMode?.layer?.kind == .configFileDefault)
    }

    @Test func defaultsThenFileThenDropInsInOrderThenFlags() throws {
        let config = try layer(
            """
            kind: KubeletConfiguration
            apiVersion: kubelet.config.k8s.io/v1beta1
            readOnlyPort: 10255
            authentication:
              anonymous:
                enabled: true
            """, file: "config.yaml")
        let first = try layer("apiVersion: kubelet.config.k8s.io/v1beta1\nauthorization:\n  mode: AlwaysAllow\n", file: "d/10-a.conf")
        let second = try layer(
            "apiVersion: kubelet.config.k8s.io/v1beta1\nauthorization:\n  mode: Webhook\nauthentication:\n  anonymous:\n    enabled: false\n",
            file: "d/20-b.conf")
        let referenced = KubeletLayering.Referenced(configFile: .some(config), dropIns: .some([first, second]))
        // Only the file sets the port; the second drop-in wins over the first and over the file; the flag wins last.
        let (settings, _) = try effective("kubelet --config=c --config-dir=d --authorization-mode=AlwaysAllow", referenced)
        #expect(settings.readOnlyPort?.value == .known(10255))
        #expect(settings.readOnlyPort?.layer == KubeletLayer(kind: .configFile, file: "config.yaml"))
        #expect(settings.readOnlyPort?.location?.line == 3)
        #expect(settings.anonymousAuth?.value == .known(false))
        #expect(settings.anonymousAuth?.layer == KubeletLayer(kind: .dropIn, file: "d/20-b.conf"))
        #expect(settings.authorizationMode?.value == .known("AlwaysAllow"))
        #expect(settings.authorizationMode?.layer == KubeletLayer(kind: .flag, file: "cmdline"))
        #expect(settings.authorizationMode?.location?.column == 35)
    }

    @Test func flagsBesideAPermissiveFileAreSafe() throws {
        let config = try layer(
            "readOnlyPort: 10255\nauthentication:\n  anonymous:\n    enabled: true\nauthorization:\n  mode: AlwaysAllow\nkind: KubeletConfiguration\n",
            file: "config.yaml")
        let (settings, _) = try effective(
            "kubelet --config=c --read-only-port=0 --anonymous-auth=false --authorization-mode=Webhook",
            .init(configFile: .some(config)))
        #expect(settings.readOnlyPort?.value == .known(0) && settings.readOnlyPort?.layer?.kind == .flag)
        #expect(settings.anonymousAuth?.value == .known(false) && settings.anonymousAuth?.layer?.kind == .flag)
        #expect(settings.authorizationMode?.value == .known("Webhook") && settings.authorizationMode?.layer?.kind == .flag)
    }

    @Test func aConfigFileNotInTheInputLeavesItsSettingsUnknown() throws {
        let (settings, _) = try effective("kubelet --config=/absent.yaml --anonymous-auth=true", .init(configFile: .some(nil)))
        #expect(settings.readOnlyPort?.value == .unknown("the --config file '/absent.yaml' is not in the inputs"))
        #expect(settings.authorizationMode?.value.isKnown == false)
        #expect(settings.anonymousAuth?.value == .known(true))
    }

    /// Drop-ins not in the input may override the config file, not the flags.
    @Test func missingDropInsLeaveTheConfigFileValuesUnknown() throws {
        let config = try layer("readOnlyPort: 0\nkind: KubeletConfiguration\n", file: "config.yaml")
        let (settings, _) = try effective(
            "kubelet --config=c --config-dir=/etc/kubelet.d --anonymous-auth=false", .init(configFile: .some(config), dropIns: .some(nil)))
        #expect(settings.readOnlyPort?.value == .unknown("the --config-dir '/etc/kubelet.d' is not in the inputs"))
        #expect(settings.authorizationMode?.value.isKnown == false)
        #expect(settings.anonymousAuth?.value == .known(false))
    }

    /// `--config-dir` alone merges over the legacy-defaulted configuration (server.go).
    @Test func dropInsAloneGoOverTheFlagDefaults() throws {
        let dropIn = try layer("apiVersion: kubelet.config.k8s.io/v1beta1\nreadOnlyPort: 0\n", file: "d/50.conf")
        let (settings, _) = try effective("kubelet --config-dir=d", .init(dropIns: .some([dropIn])))
        #expect(settings.readOnlyPort?.value == .known(0) && settings.readOnlyPort?.layer?.kind == .dropIn)
        #expect(settings.anonymousAuth?.value == .known(true) && settings.anonymousAuth?.layer?.kind == .flagDefault)
    }

    @Test func kubeletsBefore128HaveNoDropInDirectory() throws {
        let dropIn = try layer("apiVersion: kubelet.config.k8s.io/v1beta1\nauthorization:\n  mode: AlwaysAllow\n", file: "d/50.conf")
        let config = try layer("kind: KubeletConfiguration\n", file: "config.yaml")
        let (settings, diagnostics) = try effective(
            "/opt/binaries/v1.23.1/kubelet --config=c --config-dir=d",
            .init(configFile: .some(config), dropIns: .some([dropIn])))
        #expect(settings.authorizationMode?.value == .known("Webhook"))
        #expect(diagnostics.count == 1 && diagnostics[0].severity == .warning)
    }
}

/// Each new input format: bare command lines, `/proc/PID/cmdline` dumps, systemd units and drop-ins.
@Suite struct KubeletCommandLineFormatTests {
    @Test func bareCommandLinesWithContinuationsAndComments() throws {
        let line = try #require(KubeletCommandLine.bare("# node-1\n/usr/bin/kubelet \\\n  --read-only-port 10255 \\\n  --v=2\n", file: "f"))
        #expect(line.binary == "/usr/bin/kubelet")
        #expect(line.securityFlags().readOnlyPort?.value == .known(10255))
        #expect(line.securityFlags().readOnlyPort?.location == SourceLocation(file: "f", line: 3, column: 3))
        #expect(KubeletCommandLine.bare("/usr/bin/kubelet\n", file: "f") != nil)
        #expect(KubeletCommandLine.bare("kubelet --version\nkubectl get nodes\n", file: "f") == nil)
        #expect(KubeletCommandLine.bare("/usr/bin/kubectl --read-only-port=0\n", file: "f") == nil)
        #expect(KubeletCommandLine.bare("--read-only-port=0\n", file: "f") == nil)
    }

    @Test func procCmdlineDumpsAreNULSeparated() throws {
        let data = Data("/usr/bin/kubelet\0--node-labels=a=b c\0--config\0/etc/k.yaml\0--authorization-mode=AlwaysAllow\0".utf8)
        #expect(KubeletCommandLine.looksLikeProcDump(data))
        #expect(!KubeletCommandLine.looksLikeProcDump(Data("/usr/bin/containerd\0--config\0x\0".utf8)))
        let line = try #require(KubeletCommandLine.procDump(data, file: "cmdline"))
        #expect(line.value(of: "config")?.value == "/etc/k.yaml")
        #expect(line.securityFlags().authorizationMode?.value == .known("AlwaysAllow"))
    }

    @Test func systemdExpandsVariablesInOrderAndResetsExecStart() throws {
        let unit = SystemdUnitReader.File(
            path: "kubelet.service", text: "[Unit]\nDescription=kubelet\n[Service]\nExecStart=/usr/bin/kubelet\n")
        let dropIn = SystemdUnitReader.File(
            path: "kubelet.service.d/10-kubeadm.conf",
            text: """
                [Service]
                Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml" "OTHER=1"
                EnvironmentFile=-/etc/default/kubelet
                ExecStart=
                ExecStart=/usr/bin/kubelet --read-only-port=10255 $KUBELET_CONFIG_ARGS ${KUBELET_EXTRA_ARGS}
                """)
        let environment = SystemdUnitReader.File(
            path: "/dump/etc/default/kubelet", text: "KUBELET_EXTRA_ARGS=\"--read-only-port=0 --anonymous-auth=false\"\n")
        let result = SystemdUnitReader.read([unit, dropIn]) { $0 == "/etc/default/kubelet" ? environment : nil }
        let line = try #require(result.commandLine)
        #expect(result.consumed == ["/dump/etc/default/kubelet"])
        #expect(line.value(of: "config")?.value == "/var/lib/kubelet/config.yaml")
        #expect(line.value(of: "config")?.location == SourceLocation(file: "kubelet.service.d/10-kubeadm.conf", line: 2))
        // The variable comes after the literal flag, so its 0 wins; it is located at the environment file's line.
        let flags = line.securityFlags()
        #expect(flags.readOnlyPort?.value == .known(0))
        #expect(flags.readOnlyPort?.location == SourceLocation(file: "/dump/etc/default/kubelet", line: 1))
        #expect(flags.anonymousAuth?.layer == KubeletLayer(kind: .flag, file: "/dump/etc/default/kubelet"))
        #expect(line.unresolved.isEmpty)
    }

    @Test func aMissingEnvironmentFileLeavesItsVariablesUnresolved() throws {
        let file = SystemdUnitReader.File(
            path: "10-kubeadm.conf",
            text: """
                [Service]
                EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
                ExecStart=/usr/bin/kubelet --read-only-port=10255 $KUBELET_KUBEADM_ARGS
                """)
        let line = try #require(SystemdUnitReader.read([file]) { _ in nil }.commandLine)
        #expect(line.unresolved.count == 1)
        #expect(line.securityFlags().readOnlyPort?.location == SourceLocation(file: "10-kubeadm.conf", line: 3, column: 28))
        var settings = KubeletSettings(key: "k", provenance: Provenance(resource: "k", origin: .file), source: .commandLine)
        _ = KubeletLayering.effective(line, referenced: .init(), into: &settings)
        // The variable may hold --config: no defaults are assumed, what it may set is unknown, the explicit flag stands.
        #expect(settings.anonymousAuth?.value.isKnown == false && settings.readOnlyPort?.value == .known(10255))
    }

    @Test func aDropInWithoutExecStartIsAFragment() {
        let file = SystemdUnitReader.File(
            path: "20-extra.conf", text: "[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--anonymous-auth=true\"\n")
        let result = SystemdUnitReader.read([file]) { _ in nil }
        #expect(result.commandLine == nil && result.fragments.count == 1)
    }
}
