# The same through a module wrapper: the group list is built inside the module from its inputs.
# expect: module.eks.aws_security_group_rule.api_world
module "eks" {
  source                                = "./modules/eks"
  create_security_group                 = true
  cluster_additional_security_group_ids = []
}
