variable "anonymous" {
  type = bool
}

resource "aws_launch_template" "bootstrap_flags" {
  name_prefix = "al2-"
  user_data   = base64encode("#!/bin/bash\n/etc/eks/bootstrap.sh prod --kubelet-extra-args '--anonymous-auth=${var.anonymous}'\n")
}
