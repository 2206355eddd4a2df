# terraform-aws-eks style: node groups in a map, each through a wrapper module that writes the user data.
variable "kubelet_port" {
  type = number
}

locals {
  node_groups = {
    general = { port = var.kubelet_port }
  }
}

module "nodes" {
  source   = "./modules/nodes"
  for_each = local.node_groups

  name         = each.key
  kubelet_port = each.value.port
}
