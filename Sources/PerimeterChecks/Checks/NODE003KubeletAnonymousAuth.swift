import PerimeterModel

/// NODE-003: the kubelet accepts anonymous requests.
public struct KubeletAnonymousAuthCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NODE-003",
        slug: "kubelet-anonymous-auth",
        title: "Kubelet anonymous authentication enabled",
        severity: .critical,
        rationale: """
            With anonymous authentication on, requests to 10250 without credentials run as system:anonymous; with \
            AlwaysAllow (NODE-004) or a careless RBAC grant that means exec into any pod on the node. The kubelet's \
            default without --config is true; a configuration file's default is false. Flags override the file.
            """,
        remediation: "Set authentication.anonymous.enabled: false (or --anonymous-auth=false) and keep Webhook authentication on.",
        terraformFix: """
            /etc/eks/bootstrap.sh ${cluster_name} --kubelet-extra-args '--anonymous-auth=false'
            """,
        references: [Reference.kubeletAuthentication, Reference.kubeletConfigFile, Reference.eksNodeadm],
        owasp: Reference.owaspBrokenAuthentication,
        cis: "CIS EKS 1.8.0 3.2.1"
    )

    public func run(_ context: CheckContext) -> [Finding] {
        context.snapshot.kubeletSettings.compactMap { settings in
            guard let setting = settings.anonymousAuth, case .known(true) = setting.value else { return nil }
            return finding(
                resource: settings.provenance.resource, location: setting.location ?? settings.provenance.location,
                message: "\(KubeletSource.describe(settings)) lets anonymous requests reach the kubelet API\(KubeletSource.layer(setting))",
                evidence: KubeletSource.evidence(setting))
        }
    }
}

extension KubeletAnonymousAuthCheck {
    /// Sources that set the anonymous authentication to a value perimeter cannot read (a template variable, a file not in the inputs).
    public func undecided(_ context: CheckContext) -> [Undecided] {
        context.snapshot.kubeletSettings.compactMap { settings in
            guard let setting = settings.anonymousAuth else { return nil }
            return UnknownValue.reason(setting.value, setting.text).map {
                undecided(on: settings.provenance.resource, location: setting.location ?? settings.provenance.location, because: $0)
            }
        }
    }
}
