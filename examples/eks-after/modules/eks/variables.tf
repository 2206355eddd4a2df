variable "project_name" {
  type = string
}

variable "environment" {
  type = string
}

variable "kubernetes_version" {
  type = string
}

variable "vpc_id" {
  description = "VPC ID where the EKS managed node security group is created."
  type        = string
}

variable "cluster_subnet_ids" {
  type = list(string)
}

variable "node_subnet_ids" {
  type = list(string)
}

variable "cluster_private_endpoint_access_cidrs" {
  description = "Private CIDR blocks allowed to access the EKS private API endpoint through the cluster security group."
  type        = list(string)
  default     = []
}

variable "node_instance_types" {
  type    = list(string)
  default = ["t3.large", "t3a.large"]
}
