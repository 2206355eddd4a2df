import PerimeterModel

/// Every check perimeter ships, in catalog order. `perimeter checks`, SARIF rules and the README
/// table are generated from this list; a test fails on duplicate or malformed ids.
public enum CheckRegistry {
    public static let all: [any Check] = [
        KubeletOpenToInternetCheck(),
        KubeletFromCIDRCheck(),
        KubeletReadOnlyPortReachableCheck(),
        NodesShareClusterSecurityGroupCheck(),
        ControlPlaneCannotReachKubeletCheck(),
        BackendPortUnreachableCheck(),
        APIOpenToWideRangeCheck(),
        PeeringMissingRouteCheck(),
        PublicEndpointRestrictedCheck(),
        PublicEndpointOpenCheck(),
        PrivateEndpointDisabledCheck(),
        PeeringWithoutRemoteDNSCheck(),
        RouterSourceDestCheckCheck(),
        IMDSv2NotRequiredCheck(),
        KubeletReadOnlyPortEnabledCheck(),
        KubeletAnonymousAuthCheck(),
        KubeletAlwaysAllowCheck(),
        GKEClusterDefaultReadOnlyPortCheck(),
        GKENodePoolReadOnlyPortCheck(),
        GKEAutoProvisionedReadOnlyPortCheck(),
        GKEFirewallOpensKubeletCheck(),
        ReadOnlyPortInUseCheck(),
        WildcardGrantCheck(),
        ClusterAdminBindingCheck(),
        NodesProxyGrantCheck(),
        SecretsClusterWideCheck(),
        EscalateBindImpersonateCheck(),
        CreatePodsClusterWideCheck(),
        AnonymousOrAllAuthenticatedCheck(),
        PodsExecClusterWideCheck(),
        PodsAttachClusterWideCheck(),
        PodsPortForwardClusterWideCheck(),
        ServiceAccountTokenCreationCheck(),
        EphemeralContainersCheck(),
        WebhookConfigurationWriteCheck(),
        MastersMappingCheck()
    ].sorted { CheckRegistry.catalogOrder($0.description.id, $1.description.id) }

    /// Checks that join two inputs: cluster objects (manifests, `collect kube`) with the network the
    /// cluster runs on (Terraform, a plan, `collect aws`). `scan` also runs them on every such pair.
    public static let joiningInputs: Set<String> = ["NET-006"]

    public static func check(id: String) -> (any Check)? {
        all.first { $0.description.id == id.uppercased() }
    }

    /// `NET-002` before `NET-010`, and families in catalog order.
    static func catalogOrder(_ a: String, _ b: String) -> Bool {
        let families = ["NET", "NODE", "GKE", "RBAC", "IAM", "WL"]
        func rank(_ id: String) -> (Int, String) {
            let family = id.split(separator: "-").first.map(String.init) ?? id
            return (families.firstIndex(of: family) ?? families.count, id)
        }
        return rank(a) < rank(b)
    }
}
