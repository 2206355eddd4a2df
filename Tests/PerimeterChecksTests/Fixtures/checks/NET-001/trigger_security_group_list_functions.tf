# The node security group reaches the launch template through compact(distinct(concat(...))), as
# terraform-aws-eks writes it; the rule is created with `var.on ? toset(...) : []` and references
# the group as `resource.aws_security_group.node.id` (valid since Terraform 1.4).
# expect: aws_security_group_rule.kubelet_world["kubelet"]
variable "extra_security_group_ids" {
  type    = list(string)
  default = ["sg-0extra"]
}

variable "create_rules" {
  type    = bool
  default = true
}

resource "aws_eks_cluster" "this" {
  name     = "dev"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}

resource "aws_security_group" "node" {
  name_prefix = "dev-node-"
  vpc_id      = "vpc-0eks"
}

resource "aws_launch_template" "node" {
  name_prefix            = "dev-node-"
  vpc_security_group_ids = compact(distinct(concat([aws_security_group.node.id], var.extra_security_group_ids, [""])))

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_eks_node_group" "this" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "dev"
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
