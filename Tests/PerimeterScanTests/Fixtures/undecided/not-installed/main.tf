# Registry and Git modules nobody ran terraform init for: perimeter cannot read them.
module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"
}

module "vpc" {
  source = "git::https://example.com/network/vpc.git?ref=v1.2.0"
}

resource "aws_security_group" "node" {
  name_prefix = "dev-node-"
  vpc_id      = "vpc-0dev"
}
