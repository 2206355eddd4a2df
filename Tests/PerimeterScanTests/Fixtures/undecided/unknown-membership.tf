# The node group's launch template comes from a variable: which security groups its nodes carry is unknown.
variable "template_id" {
  type = string
}

resource "aws_eks_cluster" "this" {
  name     = "dev"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-1"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}

resource "aws_eks_node_group" "this" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "dev-spot"
  node_role_arn   = "arn:aws:iam::111122223333:role/node"
  subnet_ids      = ["subnet-1"]
  launch_template {
    id      = var.template_id
    version = "1"
  }
  scaling_config {
    desired_size = 1
    min_size     = 1
    max_size     = 1
  }
}
