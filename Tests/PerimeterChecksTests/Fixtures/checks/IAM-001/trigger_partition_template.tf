# The policy ARN is a template around the partition, as terraform-aws-eks writes it: the partition is
# known only after apply, but the known part names the policy, which decides.
# expect: aws_eks_access_policy_association.admin
data "aws_partition" "current" {}

resource "aws_eks_access_entry" "ops" {
  cluster_name  = "prod"
  principal_arn = "arn:aws:iam::111122223333:role/ops"
}

resource "aws_eks_access_policy_association" "admin" {
  cluster_name  = "prod"
  principal_arn = aws_eks_access_entry.ops.principal_arn
  policy_arn    = "arn:${data.aws_partition.current.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
  access_scope {
    type = "cluster"
  }
}

resource "aws_eks_access_policy_association" "view" {
  cluster_name  = "prod"
  principal_arn = aws_eks_access_entry.ops.principal_arn
  policy_arn    = "arn:${data.aws_partition.current.partition}:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"
  access_scope {
    type = "cluster"
  }
}
