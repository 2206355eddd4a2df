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

variable "public_access_cidrs" {
  description = "CIDRs allowed to reach the public EKS API endpoint."
  type        = list(string)
  default     = []
}

variable "kubelet_debug_cidrs" {
  description = "Networks that may call the kubelet API directly (troubleshooting)."
  type        = list(string)
  default     = []
}
