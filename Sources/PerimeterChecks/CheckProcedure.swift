/// The hardening procedure each check automates, in the checks' own words: engineers follow these
/// steps by hand today; the check is the step done by a machine. Shown by `perimeter checks ID` and
/// on each check's page.
public enum CheckProcedure {
    /// The procedure a check automates, or nil for a check that has none written yet (a test fails then).
    public static func text(for id: String) -> String? {
        byID[id] ?? family(of: id).flatMap { byFamily[$0] }
    }

    private static func family(of id: String) -> String? {
        id.split(separator: "-").first.map(String.init)
    }

    private static let kubeletBoundary = """
        Restricting the kubelet API to the node security-group boundary on EKS: give the nodes a dedicated \
        security group; allow 10250/tcp on it only from the EKS cluster security group; open no rule for the \
        read-only port 10255; keep node-to-node traffic inside the node group; allow 443 from the nodes to \
        the private API endpoint; require IMDSv2 on the launch template; then verify with `aws ec2 \
        describe-security-groups` and `kubectl logs`/`exec` that the control plane still reaches the kubelet.
        """

    private static let minimalRules = """
        Deriving the minimal security-group rules of an EKS cluster: start from AWS's minimum between the \
        control plane and the nodes (443, 10250, 53), list the cluster's APIServices and admission webhooks, \
        follow each to its Service, endpoints and container port (metrics-server on 4443, linkerd-viz tap on \
        8089, an injector on 8443), and allow exactly those ports on the node security group from the cluster \
        security group.
        """

    private static let privateEndpoint = """
        Making the EKS API endpoint private-only while keeping the private path working: turn the public \
        endpoint off (or limit publicAccessCidrs), turn the private endpoint on, and from a VPN or peered VPC \
        check every hop: routes both ways across the peering, remote DNS resolution on both sides of the \
        peering, a 443 rule on the cluster security group from the VPN range, and source/destination check \
        off on the instance that forwards the VPN traffic.
        """

    private static let gkeReadOnlyPort = """
        Turning off GKE's insecure kubelet read-only port (10255) everywhere: find the workloads that still \
        read it (kubelet `/metrics` with server_type="readonly", manifests that call :10255) and move them to \
        the authenticated port 10250, then set insecureKubeletReadonlyPortEnabled to false on the cluster \
        defaults, on every existing node pool (pools do not inherit later cluster changes), and for \
        Autopilot and auto-provisioned pools; keep firewall rules from opening 10250/10255 to the internet.
        """

    private static let rbacAudit = """
        Auditing who can do what inside the cluster: list every RoleBinding and ClusterRoleBinding with the \
        role it grants, resolve aggregated roles, and ask for each risky permission (wildcards, cluster-admin, \
        secrets, nodes/proxy, escalate/bind/impersonate, creating pods, exec, tokens) which subjects hold it, \
        as `kubectl auth can-i --list`, rbac-tool and access-matrix do by hand.
        """

    private static let identityChain = """
        Auditing the EKS identity chain from IAM into the cluster: read the aws-auth ConfigMap and the access \
        entries, and find every IAM principal mapped to system:masters or to the cluster admin access policy.
        """

    private static let byFamily: [String: String] = [
        "GKE": gkeReadOnlyPort,
        "RBAC": rbacAudit,
        "IAM": identityChain
    ]

    private static let byID: [String: String] = [
        "NET-001": kubeletBoundary, "NET-002": kubeletBoundary, "NET-003": kubeletBoundary,
        "NET-004": kubeletBoundary, "NET-005": kubeletBoundary,
        "NET-006": minimalRules,
        "NET-010": privateEndpoint, "NET-011": privateEndpoint, "NET-012": privateEndpoint,
        "NET-013": privateEndpoint, "NET-014": privateEndpoint, "NET-015": privateEndpoint,
        "NET-016": privateEndpoint, "NET-017": privateEndpoint, "NET-018": privateEndpoint,
        "NODE-001": kubeletBoundary,
        "NODE-002": gkeReadOnlyPort,
        "NODE-003": kubeletBoundary, "NODE-004": kubeletBoundary
    ]
}
