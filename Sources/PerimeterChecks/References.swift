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
    static let gkeReadOnlyPortSourceDocument = "perimeter source document 003: disable the kubelet read-only port on GKE"
    static let gkeDisableReadOnlyPort = "https://cloud.google.com/kubernetes-engine/docs/how-to/disable-kubelet-readonly-port"
    static let gkeFirewallRules = "https://cloud.google.com/kubernetes-engine/docs/concepts/firewall-rules"
    static let kubeletConfigFile = "https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/"
    static let eksNodeadm = "https://awslabs.github.io/amazon-eks-ami/nodeadm/"

    static let owaspNetworkSegmentation = "K07: Missing Network Segmentation Controls"
    static let owaspClusterComponents = "K09: Misconfigured Cluster Components"
    static let owaspBrokenAuthentication = "K06: Broken Authentication Mechanisms"
}
