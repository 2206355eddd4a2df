# Source document 000's VPC-wide and VPN-wide kubelet rules, on the cluster SG the nodes share.
# expect: aws_security_group_rule.kubelet_debug[0]
# expect: aws_security_group_rule.kubelet_debug[1]
# expect: aws_vpc_security_group_ingress_rule.kubelet_ipv6
variable "debug_cidrs" {
  type    = list(string)
  default = ["172.31.0.0/16", "10.0.0.0/16"]
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

# No security group in the launch template: EKS puts the nodes in the cluster security group.
resource "aws_launch_template" "node" {
  name_prefix = "dev-node-"

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_eks_node_group" "this" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "dev-spot"
  node_role_arn   = "arn:aws:iam::111122223333:role/node"
  subnet_ids      = ["subnet-1", "subnet-2"]

  launch_template {
    id      = aws_launch_template.node.id
    version = aws_launch_template.node.latest_version
  }

  scaling_config {
    desired_size = 2
    min_size     = 1
    max_size     = 3
  }
}

resource "aws_security_group_rule" "kubelet_debug" {
  count = length(var.debug_cidrs)

  type              = "ingress"
  security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  protocol          = "tcp"
  from_port         = 10250
  to_port           = 10250
  cidr_blocks       = [var.debug_cidrs[count.index]]
}

resource "aws_vpc_security_group_ingress_rule" "kubelet_ipv6" {
  security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
  ip_protocol       = "tcp"
  from_port         = 10250
  to_port           = 10250
  cidr_ipv6         = "2001:db8:1234::/56"
}
