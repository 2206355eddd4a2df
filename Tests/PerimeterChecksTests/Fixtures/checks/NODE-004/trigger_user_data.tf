# expect: aws_launch_template.al2_bootstrap
# expect: aws_instance.self_managed
resource "aws_launch_template" "al2_bootstrap" {
  name_prefix = "al2-"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    /etc/eks/bootstrap.sh prod --kubelet-extra-args '--authorization-mode=AlwaysAllow'
  EOT
  )
}

resource "aws_instance" "self_managed" {
  ami           = "ami-12345678"
  instance_type = "t3.large"
  user_data     = <<-EOT
    #!/bin/bash
    /etc/eks/bootstrap.sh prod --kubelet-extra-args '--authorization-mode AlwaysAllow'
  EOT
}
