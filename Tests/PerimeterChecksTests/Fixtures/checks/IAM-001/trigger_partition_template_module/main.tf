# The same through a module wrapper: the access entries map and the partition are module inputs.
# expect: module.access.aws_eks_access_policy_association.this["ops_admin"]
data "aws_partition" "current" {}

module "access" {
  source    = "./modules/access"
  partition = data.aws_partition.current.partition
  access_entries = {
    ops = {
      principal_arn = "arn:aws:iam::111122223333:role/ops"
      policy_associations = {
        admin = { policy = "AmazonEKSClusterAdminPolicy", scope = "cluster" }
        view  = { policy = "AmazonEKSViewPolicy", scope = "cluster" }
      }
    }
  }
}
