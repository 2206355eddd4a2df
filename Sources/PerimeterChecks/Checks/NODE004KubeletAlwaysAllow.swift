import Foundation
import PerimeterModel

/// NODE-004: the kubelet authorizes every request.
public struct KubeletAlwaysAllowCheck: ReportsUndecided {
    public init() {}

    public let description = CheckDescription(
        id: "NODE-004",
        slug: "kubelet-authorization-always-allow",
        title: "Kubelet authorization mode AlwaysAllow",
        severity: .critical,
        rationale: """
            AlwaysAllow lets every authenticated (or, with NODE-003, anonymous) caller use the whole kubelet API: \
            exec, logs, port-forward, pod listing. Webhook mode asks the API server (SubjectAccessReview), so RBAC \
            decides who gets nodes/proxy.
            """,
        remediation: "Set authorization.mode: Webhook (or --authorization-mode=Webhook).",
        terraformFix: """
            /etc/eks/bootstrap.sh ${cluster_name} --kubelet-extra-args '--authorization-mode=Webhook'
            """,
        references: [Reference.kubeletAuthentication, Reference.kubeletConfigFile, Reference.eksNodeadm],
        owasp: Reference.owaspBrokenAuthentication,
        cis: "CIS EKS 1.8.0 3.2.2"
    )

    public func run(_ context: CheckContext) -> [Finding] {
        context.snapshot.kubeletSettings.compactMap { settings in
            guard let setting = settings.authorizationMode, case .known(let mode) = setting.value,
                mode.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "AlwaysAllow" })
            else { return nil }
            return finding(
                resource: settings.provenance.resource, location: setting.location ?? settings.provenance.location,
                message:
                    "\(KubeletSource.describe(settings)) authorizes every kubelet request (AlwaysAllow)\(KubeletSource.layer(setting))",
                evidence: KubeletSource.evidence(setting))
        }
    }
}

extension KubeletAlwaysAllowCheck {
    /// Sources that set the authorization mode to a value perimeter cannot read (a template variable, a file not in the inputs).
    public func undecided(_ context: CheckContext) -> [Undecided] {
        context.snapshot.kubeletSettings.compactMap { settings in
            guard let setting = settings.authorizationMode else { return nil }
            return UnknownValue.reason(setting.value, setting.text).map {
                undecided(on: settings.provenance.resource, location: setting.location ?? settings.provenance.location, because: $0)
            }
        }
    }
}
