# A stand-in for the EKS stack of source documents 000 and 002, with only the built-in
# terraform_data resource so that `terraform plan` runs offline. Plan: terraform_data.plan.json.
variable "vpn_cidrs" {
  type    = list(string)
  default = ["172.31.0.0/16", "10.8.0.0/16"]
}

resource "terraform_data" "cluster" {
  input = { name = "eks-secure-infra-dev", endpoint_public_access = false }
}

module "eks" {
  source     = "./modules/eks"
  cluster_id = terraform_data.cluster.id
  vpn_cidrs  = var.vpn_cidrs
}

data "terraform_remote_state" "vpn" {
  backend = "local"
  config  = { path = "${path.module}/vpn.tfstate" }
}

data "terraform_remote_state" "deferred" {
  backend = "local"
  config  = { path = terraform_data.cluster.output.name }
}

resource "terraform_data" "route" {
  count = 2
  input = { destination = data.terraform_remote_state.vpn.outputs.vpn_cidr, peering = module.eks.node_id }
}
