# A CIDR list passed into a module through a variable is resolved.
# expect: module.cluster.aws_eks_cluster.this
module "cluster" {
  source = "./modules/cluster"
  cidrs  = ["10.0.0.0/8", "0.0.0.0/0"]
}
