variable "cluster_name" {
  type = string
}

variable "extra_security_group_ids" {
  type    = list(string)
  default = []
}

variable "create_rules" {
  type = bool
}

resource "aws_security_group" "node" {
  name_prefix = "node-"
  vpc_id      = "vpc-0eks"
}

locals {
  security_group_ids = compact(distinct(concat([aws_security_group.node.id], var.extra_security_group_ids)))
}

resource "aws_launch_template" "node" {
  name_prefix            = "node-"
  vpc_security_group_ids = local.security_group_ids

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_eks_node_group" "this" {
  cluster_name    = var.cluster_name
  node_group_name = "nodes"
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

resource "aws_security_group_rule" "kubelet_world" {
  for_each          = var.create_rules ? toset(["kubelet"]) : []
  type              = "ingress"
  security_group_id = resource.aws_security_group.node.id
  protocol          = "tcp"
  from_port         = 10250
  to_port           = 10250
  cidr_blocks       = ["0.0.0.0/0"]
}
