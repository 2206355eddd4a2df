# terraform-aws-eks's _user_data module: the node user data is a cloudinit_config MIME archive whose part
# is a template over values known only after apply; the flag in it is known, and closes the read-only port.
resource "aws_eks_cluster" "this" {
  name     = "prod"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids = ["subnet-0a"]
  }
}

module "user_data" {
  source                  = "./modules/user_data"
  cluster_name            = aws_eks_cluster.this.name
  pre_bootstrap_user_data = <<-EOT
    /etc/eks/bootstrap.sh ${aws_eks_cluster.this.name} --kubelet-extra-args '--read-only-port=0'
  EOT
}

resource "aws_launch_template" "nodes" {
  name_prefix = "nodes-"
  user_data   = module.user_data.user_data
}
