resource "aws_launch_template" "bootstrap_flags" {
  name_prefix = "al2-"
  user_data   = base64encode("#!/bin/bash\n/etc/eks/bootstrap.sh prod --kubelet-extra-args '--anonymous-auth=false --read-only-port=0'\n")
}

# No kubelet settings at all: the AMI's own configuration (anonymous off) applies.
resource "aws_launch_template" "plain" {
  name_prefix = "plain-"
  user_data   = base64encode("#!/bin/bash\n/etc/eks/bootstrap.sh prod\n")
}
