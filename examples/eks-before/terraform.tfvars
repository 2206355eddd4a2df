project_name = "eks-secure-infra"
environment  = "dev"
vpc_cidr     = "10.0.0.0/16"

private_subnets = {
  "ap-northeast-2a" = "10.0.10.0/24"
  "ap-northeast-2c" = "10.0.20.0/24"
}

# The VPN egress IP: the public endpoint is "restricted" to it.
public_access_cidrs = ["13.125.215.119/32"]

# Left over from an incident: the VPN VPC and the whole EKS VPC may call the kubelet.
kubelet_debug_cidrs = ["172.31.0.0/16", "10.0.0.0/16"]
