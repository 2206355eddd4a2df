/// Documents and benchmarks the checks cite.
enum Reference {
    static let kubeletSourceDocument = "perimeter source document 000: restrict the kubelet API to the node security-group boundary"
    static let privateEndpointSourceDocument = "perimeter source document 002: switch the EKS API endpoint to private-only"
    static let eksSecurityGroups = "https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html"
    static let eksEndpointAccess = "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html"
    static let kubeletAuthentication = "https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/"
    static let kubeletPorts = "https://kubernetes.io/docs/reference/networking/ports-and-protocols/"
    static let imdsv2 = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html"
    static let vpcPeeringRoutes = "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html"
    static let vpcPeeringDNS = "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-dns.html"
    static let sourceDestCheck = "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html#EIP_Disable_SrcDestCheck"

    static let rbacDocs = "https://kubernetes.io/docs/reference/access-authn-authz/rbac/"
    static let rbacGoodPractices = "https://kubernetes.io/docs/concepts/security/rbac-good-practices/"
    static let eksAccessEntries = "https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html"
    static let eksAuthConfigMap = "https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html"
    static let eksBestPracticesIAM = "https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html"
    static let rbacSourceDocument = "perimeter source document 004: audit RBAC (who-can, access-matrix, rbac-tool, rolesum)"

    static let owaspOverlyPermissiveRBAC = "K03: Overly Permissive RBAC Configurations"
    static let owaspNetworkSegmentation = "K07: Missing Network Segmentation Controls"
    static let owaspClusterComponents = "K09: Misconfigured Cluster Components"
    static let owaspBrokenAuthentication = "K06: Broken Authentication Mechanisms"
}
