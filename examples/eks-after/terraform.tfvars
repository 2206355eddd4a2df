project_name = "eks-secure-infra"
environment  = "dev"
vpc_cidr     = "10.0.0.0/16"

private_subnets = {
  "ap-northeast-2a" = "10.0.10.0/24"
  "ap-northeast-2c" = "10.0.20.0/24"
}

vpn_vpc_id   = "vpc-096c2102f9e82e7e2"
vpn_vpc_cidr = "172.31.0.0/16"
