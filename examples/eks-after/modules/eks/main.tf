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
    endpoint_public_access  = false
  }

  tags = local.common_tags
}

resource "aws_security_group" "node" {
  name_prefix            = "${local.node_group_name}-"
  description            = "Restrict EKS managed node ingress, including kubelet API access"
  vpc_id                 = var.vpc_id
  revoke_rules_on_delete = true

  tags = merge(local.common_tags, {
    Name    = "${local.node_group_name}-sg"
    Role    = "eks-node"
    Purpose = "kubelet-api-restricted"
  })
}

resource "aws_security_group_rule" "node_kubelet_https_from_cluster" {
  type                     = "ingress"
  security_group_id        = aws_security_group.node.id
  protocol                 = "tcp"
  from_port                = 10250
  to_port                  = 10250
  source_security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  description              = "Allow kubelet HTTPS API only from the EKS control plane security group"
}

resource "aws_security_group_rule" "cluster_kubelet_https_to_nodes" {
  type                     = "egress"
  security_group_id        = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  protocol                 = "tcp"
  from_port                = 10250
  to_port                  = 10250
  source_security_group_id = aws_security_group.node.id
  description              = "Allow EKS control plane egress to managed node kubelet HTTPS API"
}

resource "aws_security_group_rule" "cluster_private_endpoint_from_nodes" {
  type                     = "ingress"
  security_group_id        = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  protocol                 = "tcp"
  from_port                = 443
  to_port                  = 443
  source_security_group_id = aws_security_group.node.id
  description              = "Allow managed nodes to reach the private EKS API endpoint"
}

resource "aws_security_group_rule" "cluster_private_endpoint_ingress" {
  for_each = toset(var.cluster_private_endpoint_access_cidrs)

  type              = "ingress"
  security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = [each.value]
  description       = "Allow private EKS API endpoint access from ${each.value}"
}

resource "aws_security_group_rule" "node_inter_node" {
  type              = "ingress"
  security_group_id = aws_security_group.node.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  self              = true
  description       = "Allow managed nodes to communicate with each other"
}

resource "aws_security_group_rule" "node_egress" {
  type              = "egress"
  security_group_id = aws_security_group.node.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"]
  description       = "Allow managed nodes to reach required AWS APIs and registries"
}

resource "aws_launch_template" "node_group" {
  name_prefix            = "${local.node_group_name}-"
  update_default_version = true
  vpc_security_group_ids = [aws_security_group.node.id]

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }

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

  depends_on = [
    aws_security_group_rule.cluster_kubelet_https_to_nodes,
    aws_security_group_rule.cluster_private_endpoint_from_nodes,
    aws_security_group_rule.node_egress,
    aws_security_group_rule.node_inter_node,
    aws_security_group_rule.node_kubelet_https_from_cluster,
  ]
}
