# The open CIDR travels from terraform.tfvars through a module variable into a for_each.
# expect: module.nodes.aws_security_group_rule.kubelet["0.0.0.0/0"]
variable "kubelet_cidrs" {
  type = list(string)
}

module "nodes" {
  source        = "./modules/nodes"
  kubelet_cidrs = var.kubelet_cidrs
}
