variable "cluster_id" { type = string }
variable "vpn_cidrs" { type = list(string) }

resource "terraform_data" "node" {
  input = { name = "eks-secure-infra-dev-node" }
}

resource "terraform_data" "rule" {
  for_each         = toset(var.vpn_cidrs)
  input            = var.cluster_id
  triggers_replace = [terraform_data.node.output, each.value, var.cluster_id]
}

output "node_id" {
  value = terraform_data.node.id
}
