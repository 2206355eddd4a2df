locals {
  cluster_name    = "${var.project_name}-${var.environment}"
  node_group_name = "${local.cluster_name}-spot"
  common_tags = {
    Project     = var.project_name
    Environment = var.environment
  }
}

data "aws_iam_policy_document" "cluster_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["eks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "cluster" {
  name               = "${local.cluster_name}-cluster"
  assume_role_policy = data.aws_iam_policy_document.cluster_assume.json
}

resource "aws_iam_role" "node" {
  name = "${local.cluster_name}-node"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

resource "aws_eks_cluster" "this" {
  name     = local.cluster_name
  role_arn = aws_iam_role.cluster.arn
  version  = var.kubernetes_version

  vpc_config {
    subnet_ids              = var.cluster_subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = var.public_access_cidrs
  }

  tags = local.common_tags
}

# Troubleshooting access to the kubelet, opened during an incident and never removed.
resource "aws_security_group_rule" "kubelet_debug" {
  for_each = toset(var.kubelet_debug_cidrs)

  type              = "ingress"
  security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  protocol          = "tcp"
  from_port         = 10250
  to_port           = 10250
  cidr_blocks       = [each.value]
  description       = "kubelet debugging from ${each.value}"
}

resource "aws_security_group_rule" "kubelet_read_only" {
  type              = "ingress"
  security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  protocol          = "tcp"
  from_port         = 10255
  to_port           = 10255
  cidr_blocks       = [var.vpc_cidr]
  description       = "Legacy metrics scraper on the kubelet read-only port"
}

resource "aws_launch_template" "node_group" {
  name_prefix            = "${local.node_group_name}-"
  update_default_version = true

  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.common_tags, { Name = local.node_group_name })
  }
}

resource "aws_eks_node_group" "this" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = local.node_group_name
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = var.node_subnet_ids
  capacity_type   = "SPOT"
  instance_types  = var.node_instance_types

  launch_template {
    id      = aws_launch_template.node_group.id
    version = aws_launch_template.node_group.latest_version
  }

  scaling_config {
    desired_size = 2
    min_size     = 1
    max_size     = 3
  }
}
