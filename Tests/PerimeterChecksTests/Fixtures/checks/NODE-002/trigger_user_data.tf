# expect: aws_launch_template.al2_bootstrap
# expect: aws_launch_template.al2023_nodeadm
variable "cluster_name" {
  type    = string
  default = "prod"
}

# AL2: bootstrap.sh passes the flags on to the kubelet.
resource "aws_launch_template" "al2_bootstrap" {
  name_prefix = "al2-"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    set -o xtrace
    /etc/eks/bootstrap.sh ${var.cluster_name} --kubelet-extra-args '--node-labels=role=batch --read-only-port=10255'
  EOT
  )
}

# AL2023: a MIME archive with a nodeadm NodeConfig part.
resource "aws_launch_template" "al2023_nodeadm" {
  name_prefix = "al2023-"
  user_data = base64encode(<<-EOT
    MIME-Version: 1.0
    Content-Type: multipart/mixed; boundary="BOUNDARY"

    --BOUNDARY
    Content-Type: application/node.eks.aws

    ---
    apiVersion: node.eks.aws/v1alpha1
    kind: NodeConfig
    spec:
      cluster:
        name: ${var.cluster_name}
      kubelet:
        config:
          readOnlyPort: 10255

    --BOUNDARY--
  EOT
  )
}
