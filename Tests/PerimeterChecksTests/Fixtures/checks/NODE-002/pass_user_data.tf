variable "cluster_name" {
  type    = string
  default = "prod"
}

resource "aws_launch_template" "al2_bootstrap" {
  name_prefix = "al2-"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    /etc/eks/bootstrap.sh ${var.cluster_name} --kubelet-extra-args '--read-only-port=0'
  EOT
  )
}

# nodeadm flags override its config: the port ends up closed.
resource "aws_launch_template" "al2023_nodeadm" {
  name_prefix = "al2023-"
  user_data = base64encode(<<-EOT
    ---
    apiVersion: node.eks.aws/v1alpha1
    kind: NodeConfig
    spec:
      kubelet:
        config:
          readOnlyPort: 10255
        flags:
          - --read-only-port=0
  EOT
  )
}
