# The node security group admits only 10250 from the cluster security group: tap (8089) and the proxy
# injector (8443) are cut off; metrics-server (10250) is not.
# expect: APIService/v1alpha1.tap.linkerd.io
# expect: MutatingWebhookConfiguration/linkerd-proxy-injector-webhook-config
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

resource "aws_security_group_rule" "node_kubelet_from_cluster" {
  type                     = "ingress"
  security_group_id        = aws_security_group.node.id
  protocol                 = "tcp"
  from_port                = 10250
  to_port                  = 10250
  source_security_group_id = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}

resource "aws_launch_template" "node" {
  name_prefix            = "dev-node-"
  vpc_security_group_ids = [aws_security_group.node.id]

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
