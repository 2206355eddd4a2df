variable "group_id" {
  type = string
}

variable "cidr" {
  type = string
}

resource "aws_security_group_rule" "kubelet" {
  type              = "ingress"
  security_group_id = var.group_id
  protocol          = "tcp"
  from_port         = 10250
  to_port           = 10250
  cidr_blocks       = [var.cidr]
}
