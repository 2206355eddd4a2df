resource "aws_eks_access_entry" "ops" {
  cluster_name  = "prod"
  principal_arn = "arn:aws:iam::111122223333:role/ops"
  type          = "STANDARD"
}

# expect: aws_eks_access_policy_association.ops_admin
resource "aws_eks_access_policy_association" "ops_admin" {
  cluster_name  = "prod"
  principal_arn = aws_eks_access_entry.ops.principal_arn
  policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
  access_scope {
    type = "cluster"
  }
}

resource "aws_eks_access_policy_association" "ops_view" {
  cluster_name  = "prod"
  principal_arn = aws_eks_access_entry.ops.principal_arn
  policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
  access_scope {
    type       = "namespace"
    namespaces = ["ops"]
  }
}

# expect: kubernetes_config_map_v1_data.aws_auth
resource "kubernetes_config_map_v1_data" "aws_auth" {
  metadata {
    name      = "aws-auth"
    namespace = "kube-system"
  }
  data = {
    mapRoles = yamlencode([
      {
        rolearn  = "arn:aws:iam::111122223333:role/admin"
        username = "admin:{{SessionName}}"
        groups   = ["system:masters"]
      },
    ])
  }
}
