# expect: aws_eks_cluster.vpn_only
variable "vpn_egress" {
  type    = string
  default = "13.125.215.119/32"
}

resource "aws_eks_cluster" "vpn_only" {
  name     = "dev"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = [var.vpn_egress]
  }
}
