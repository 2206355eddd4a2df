/// How findings name a security group: its key, except for the group EKS creates, whose key is the
/// long reference `CLUSTER.vpc_config[0].cluster_security_group_id`.
public enum SecurityGroupName {
    static let clusterSuffix = ".vpc_config[0].cluster_security_group_id"

    /// `'sg-0abc'`, `'module.eks.aws_security_group.node'`, or `the cluster security group of 'module.eks.aws_eks_cluster.this'`.
    public static func display(_ key: String) -> String {
        if key.hasSuffix(clusterSuffix) {
            return "the cluster security group of '\(key.dropLast(clusterSuffix.count))'"
        }
        return "'\(key)'"
    }
}
