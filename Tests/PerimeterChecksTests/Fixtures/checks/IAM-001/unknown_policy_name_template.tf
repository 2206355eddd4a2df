# The policy name itself is unknown: the known prefix does not decide which policy it is.
variable "policy" {
  type = string
}

resource "aws_eks_access_policy_association" "maybe_admin" {
  cluster_name  = "prod"
  principal_arn = "arn:aws:iam::111122223333:role/ops"
  policy_arn    = "arn:aws:eks::aws:cluster-access-policy/${var.policy}"
  access_scope {
    type = "cluster"
  }
}
