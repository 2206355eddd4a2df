resource "aws_launch_template" "al2_bootstrap" {
  name_prefix = "al2-"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    # --authorization-mode=AlwaysAllow was used while debugging; not any more
    /etc/eks/bootstrap.sh prod --kubelet-extra-args '--authorization-mode=Webhook'
  EOT
  )
}
