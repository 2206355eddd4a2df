# mapRoles comes from a variable without a value, and the policy ARN from a data source: both unknown.
variable "map_roles" {
  type = string
}

data "aws_eks_access_policy" "chosen" {}

resource "kubernetes_config_map" "aws_auth" {
  metadata {
    name      = "aws-auth"
    namespace = "kube-system"
  }
  data = {
    mapRoles = var.map_roles
  }
}

resource "aws_eks_access_policy_association" "ops" {
  cluster_name  = "prod"
  principal_arn = "arn:aws:iam::111122223333:role/ops"
  policy_arn    = data.aws_eks_access_policy.chosen.arn
  access_scope {
    type = "cluster"
  }
}
