data "aws_ssm_parameter" "private" {
  name = "/eks/private-endpoint"
}

resource "aws_eks_cluster" "this" {
  name     = "dev"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids              = ["subnet-1"]
    endpoint_private_access = data.aws_ssm_parameter.private.value
  }
}
