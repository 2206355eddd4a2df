variable "create_security_group" {
  type = bool
}

variable "cluster_additional_security_group_ids" {
  type = list(string)
}

resource "aws_security_group" "cluster" {
  count       = var.create_security_group ? 1 : 0
  name_prefix = "cluster-"
  vpc_id      = "vpc-0eks"
}

locals {
  cluster_security_group_id = var.create_security_group ? aws_security_group.cluster[0].id : null
}

resource "aws_eks_cluster" "this" {
  name     = "dev"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    security_group_ids      = compact(distinct(concat(var.cluster_additional_security_group_ids, [local.cluster_security_group_id])))
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}

resource "aws_security_group_rule" "api_world" {
  type              = "ingress"
  security_group_id = local.cluster_security_group_id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["0.0.0.0/0"]
}
