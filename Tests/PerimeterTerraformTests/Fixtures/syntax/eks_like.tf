locals {
  node_rules = {
    kubelet = { port = 10250, source = "cluster" }
    dns_tcp = { port = 53, source = "self" }
  }
}

resource "aws_security_group" "node" {
  name_prefix = "${var.cluster_name}-node-"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = { for k, v in local.node_rules : k => v if v.source == "self" }
    iterator = rule
    content {
      description = "node ${rule.key}"
      protocol    = "tcp"
      from_port   = rule.value.port
      to_port     = rule.value.port
      self        = true
    }
  }

  tags = merge(var.tags, { Name = "${var.cluster_name}-node" })
}

resource "aws_security_group_rule" "kubelet" {
  for_each = toset(var.kubelet_cidrs)

  type              = "ingress"
  security_group_id = aws_security_group.node.id
  protocol          = "tcp"
  from_port         = 10250
  to_port           = 10250
  cidr_blocks       = [each.value]
  description       = var.enabled ? "kubelet from ${each.value}" : null
}

resource "aws_iam_role" "irsa" {
  name = "irsa"
  assume_role_policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"Federated": "${var.oidc_provider_arn}"},
        "Action": "sts:AssumeRoleWithWebIdentity"
      }]
    }
    POLICY
}
