# expect: aws_launch_template.bootstrap_flags
# expect: aws_launch_template.nodeadm_base64_part
locals {
  node_config = <<-EOT
    apiVersion: node.eks.aws/v1alpha1
    kind: NodeConfig
    spec:
      kubelet:
        config:
          authentication:
            anonymous:
              enabled: true
  EOT
}

resource "aws_launch_template" "bootstrap_flags" {
  name_prefix = "al2-"
  user_data   = base64encode("#!/bin/bash\n/etc/eks/bootstrap.sh prod --kubelet-extra-args '--anonymous-auth=true'\n")
}

# The NodeConfig part is itself base64 inside the MIME archive.
resource "aws_launch_template" "nodeadm_base64_part" {
  name_prefix = "al2023-"
  user_data = base64encode(<<-EOT
    MIME-Version: 1.0
    Content-Type: multipart/mixed; boundary="MIMEBOUNDARY"

    --MIMEBOUNDARY
    Content-Transfer-Encoding: base64
    Content-Type: application/node.eks.aws

    ${base64encode(local.node_config)}
    --MIMEBOUNDARY--
  EOT
  )
}
