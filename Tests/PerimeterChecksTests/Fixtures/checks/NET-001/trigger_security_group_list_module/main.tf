# The same idioms written through a module wrapper: the extra groups and the switch are module
# inputs, and the open rule is inside the module.
# expect: module.nodes.aws_security_group_rule.kubelet_world["kubelet"]
resource "aws_eks_cluster" "this" {
  name     = "dev"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}

module "nodes" {
  source                   = "./modules/nodes"
  cluster_name             = aws_eks_cluster.this.name
  extra_security_group_ids = ["sg-0extra"]
  create_rules             = true
}
