# expect: aws_eks_cluster.public_only["prod"]
variable "clusters" {
  type = map(object({
    private = bool
  }))
  default = {
    dev  = { private = true }
    prod = { private = false }
  }
}

resource "aws_eks_cluster" "public_only" {
  for_each = var.clusters

  name     = each.key
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids              = ["subnet-1"]
    endpoint_private_access = each.value.private
    endpoint_public_access  = true
    public_access_cidrs     = ["13.125.215.119/32"]
  }
}
