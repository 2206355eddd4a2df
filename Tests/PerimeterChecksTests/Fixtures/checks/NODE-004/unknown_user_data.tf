variable "authorization_mode" {
  type = string
}

resource "aws_launch_template" "al2_bootstrap" {
  name_prefix = "al2-"
  user_data   = base64encode("#!/bin/bash\n/etc/eks/bootstrap.sh prod --kubelet-extra-args '--authorization-mode=${var.authorization_mode}'\n")
}
