# Two callers of one module: each passes its own kubelet CIDR.
resource "aws_security_group" "node" {
  name_prefix = "prod-node-"
  vpc_id      = "vpc-0prod"
}

# perimeter:ignore NET-001 the bastion range is the internet on purpose here
module "a" {
  source   = "./modules/node-sg"
  group_id = aws_security_group.node.id
  cidr     = "0.0.0.0/0"
}

module "b" {
  source   = "./modules/node-sg"
  group_id = aws_security_group.node.id
  # perimeter:ignore NET-002 the office range, reviewed
  cidr     = "0.0.0.0/0"
}

resource "aws_eks_cluster" "this" {
  name     = "prod"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-1"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}

resource "aws_launch_template" "node" {
  name_prefix            = "prod-node-"
  vpc_security_group_ids = [aws_security_group.node.id]
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_eks_node_group" "this" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "prod-general"
  node_role_arn   = "arn:aws:iam::111122223333:role/node"
  subnet_ids      = ["subnet-1"]
  launch_template {
    id      = aws_launch_template.node.id
    version = aws_launch_template.node.latest_version
  }
  scaling_config {
    desired_size = 1
    min_size     = 1
    max_size     = 1
  }
}
