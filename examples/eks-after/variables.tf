variable "region" {
  type    = string
  default = "ap-northeast-2"
}

variable "project_name" {
  type = string
}

variable "environment" {
  type = string
}

variable "kubernetes_version" {
  type    = string
  default = "1.31"
}

variable "vpc_cidr" {
  type = string
}

variable "private_subnets" {
  description = "Private subnet CIDRs by availability zone."
  type        = map(string)
}

variable "vpn_vpc_id" {
  description = "The existing VPC of the VPN router."
  type        = string
}

variable "vpn_vpc_cidr" {
  type = string
}
