/// Terraform snippets that several checks propose as their fix.
enum TerraformFix {
    /// Source document 000's boundary: 10250 on the node security group only from the cluster security group.
    static let kubeletFromClusterSecurityGroup = """
        resource "aws_security_group_rule" "node_kubelet_https_from_cluster" {
          type                     = "ingress"
          security_group_id        = aws_security_group.node.id
          protocol                 = "tcp"
          from_port                = 10250
          to_port                  = 10250
          source_security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
        }
        """
}
