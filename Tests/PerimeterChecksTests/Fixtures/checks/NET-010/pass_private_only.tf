# A stale public_access_cidrs is ignored while the public endpoint is off (source document 002).
resource "aws_eks_cluster" "private" {
  name     = "dev"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids              = ["subnet-1"]
    endpoint_private_access = true
    endpoint_public_access  = false
    public_access_cidrs     = ["13.125.215.119/32"]
  }
}

# Open to the world is NET-011's finding, not this one.
resource "aws_eks_cluster" "open" {
  name     = "open"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids             = ["subnet-1"]
    endpoint_public_access = true
  }
}
