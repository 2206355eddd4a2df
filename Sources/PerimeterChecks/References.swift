/// Public documents and benchmarks the checks cite: each is a URL a user can open, or a named public
/// standard (OWASP, CIS). What the project's own source documents ask for is told, in the checks' own
/// words, by `CheckProcedure`.
enum Reference {
    static let eksSecurityBestPractices = "https://docs.aws.amazon.com/eks/latest/best-practices/security.html"
    static let apiServerAggregation = "https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/apiserver-aggregation/"
    static let eksWebhookPorts =
        "https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html#security-group-restricting-cluster-traffic"
    static let eksPrivateClusters = "https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html"
    static let eksSecurityGroups = "https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html"
    static let eksEndpointAccess = "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html"
    static let kubeletAuthentication = "https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/"
    static let kubeletPorts = "https://kubernetes.io/docs/reference/networking/ports-and-protocols/"
    static let imdsv2 = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html"
    static let vpcPeeringRoutes = "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html"
    static let vpcPeeringDNS = "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-dns.html"
    static let sourceDestCheck = "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html#EIP_Disable_SrcDestCheck"
    static let gkeHardening = "https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster"
    static let gkeDisableReadOnlyPort = "https://cloud.google.com/kubernetes-engine/docs/how-to/disable-kubelet-readonly-port"
    static let gkeFirewallRules = "https://cloud.google.com/kubernetes-engine/docs/concepts/firewall-rules"
    static let kubeletConfigFile = "https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/"
    static let eksNodeadm = "https://awslabs.github.io/amazon-eks-ami/nodeadm/"

    static let rbacDocs = "https://kubernetes.io/docs/reference/access-authn-authz/rbac/"
    static let rbacGoodPractices = "https://kubernetes.io/docs/concepts/security/rbac-good-practices/"
    static let eksAccessEntries = "https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html"
    static let eksAuthConfigMap = "https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html"
    static let eksBestPracticesIAM = "https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html"
    static let kubernetesAuthorization = "https://kubernetes.io/docs/reference/access-authn-authz/authorization/"

    static let owaspOverlyPermissiveRBAC = "K03: Overly Permissive RBAC Configurations"
    static let owaspNetworkSegmentation = "K07: Missing Network Segmentation Controls"
    static let owaspClusterComponents = "K09: Misconfigured Cluster Components"
    static let owaspBrokenAuthentication = "K06: Broken Authentication Mechanisms"
}
