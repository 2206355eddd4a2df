import PerimeterModel

/// NODE-002: the kubelet is configured to serve the unauthenticated read-only port.
public struct KubeletReadOnlyPortEnabledCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NODE-002",
        slug: "kubelet-read-only-port-enabled",
        title: "Kubelet read-only port enabled",
        severity: .high,
        rationale: """
            readOnlyPort / --read-only-port other than 0 makes the kubelet serve pods, node stats and metrics over \
            plain HTTP with no authentication or authorization. Read from KubeletConfiguration files, kubelet flags, \
            and launch template user data (bootstrap.sh --kubelet-extra-args, nodeadm NodeConfig), where EKS nodes \
            really get them. A whole command line (a bare kubelet command, /proc/PID/cmdline, a systemd ExecStart, \
            kubescape KubeletInfo) is layered as the kubelet does: defaults (10255 without --config, 0 with one) ← \
            --config file ← --config-dir drop-ins ← flags; the finding names the layer that set the value.
            """,
        remediation: "Set readOnlyPort: 0 (or --read-only-port=0) and move its users to 10250.",
        terraformFix: """
            # user_data of the launch template: pass --read-only-port=0, or drop the flag (the AMI's config sets 0)
            /etc/eks/bootstrap.sh ${cluster_name} --kubelet-extra-args '--read-only-port=0'
            """,
        references: [Reference.eksSecurityBestPractices, Reference.kubeletConfigFile, Reference.eksNodeadm, Reference.kubeletPorts],
        owasp: Reference.owaspClusterComponents,
        cis: "CIS EKS 1.8.0 3.2.4"
    )

    public func run(_ context: CheckContext) -> [Finding] {
        context.snapshot.kubeletSettings.compactMap { settings in
            guard let setting = settings.readOnlyPort, case .known(let port) = setting.value, port != 0 else { return nil }
            return finding(
                resource: settings.provenance.resource, location: setting.location ?? settings.provenance.location,
                message: "\(KubeletSource.describe(settings)) enables the kubelet read-only port \(port)\(KubeletSource.layer(setting))",
                evidence: KubeletSource.evidence(setting))
        }
    }
}

extension KubeletReadOnlyPortEnabledCheck {
    /// Sources that set the read-only port to a value perimeter cannot read (a template variable, a file not in the inputs).
    public func undecided(_ context: CheckContext) -> [Undecided] {
        context.snapshot.kubeletSettings.compactMap { settings in
            guard let setting = settings.readOnlyPort else { return nil }
            return UnknownValue.reason(setting.value, setting.text).map {
                undecided(on: settings.provenance.resource, location: setting.location ?? settings.provenance.location, because: $0)
            }
        }
    }
}
