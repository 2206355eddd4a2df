# cluster-admin bound through Terraform's kubernetes provider, in a module called once per team with for_each
# (as eks-blueprints does): the built-in role, one finding per binding.
module "access" {
  source = "./modules/access"
  admins = {
    platform = "arn:aws:iam::111122223333:role/platform"
    sre      = "arn:aws:iam::111122223333:role/sre"
  }
}
