# expect: aws_eks_cluster.default_public
resource "aws_eks_cluster" "default_public" {
  name     = "dev"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
