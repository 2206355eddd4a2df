variable "read_only_port" {
  type = number
}

resource "aws_launch_template" "al2_bootstrap" {
  name_prefix = "al2-"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    /etc/eks/bootstrap.sh prod --kubelet-extra-args '--read-only-port=${var.read_only_port}'
  EOT
  )
}
