# An additional cluster security group given through compact(distinct(concat(...))) keeps its identity,
# so the world-open 443 rule on it is seen.
# expect: aws_security_group_rule.api_world
variable "cluster_additional_security_group_ids" {
  type    = list(string)
  default = []
}

resource "aws_security_group" "cluster" {
  name_prefix = "dev-cluster-"
  vpc_id      = "vpc-0eks"
}

resource "aws_eks_cluster" "this" {
  name     = "dev"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    security_group_ids      = compact(distinct(concat(var.cluster_additional_security_group_ids, [aws_security_group.cluster.id])))
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}

resource "aws_security_group_rule" "api_world" {
  type              = "ingress"
  security_group_id = aws_security_group.cluster.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["0.0.0.0/0"]
}
