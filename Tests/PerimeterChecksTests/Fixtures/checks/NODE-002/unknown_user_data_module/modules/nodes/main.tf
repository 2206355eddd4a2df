variable "name" {
  type = string
}

variable "kubelet_port" {
  type = number
}

resource "aws_launch_template" "this" {
  name_prefix = "${var.name}-"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    /etc/eks/bootstrap.sh prod --kubelet-extra-args '--read-only-port=${var.kubelet_port}'
  EOT
  )
}
