# The "before" state of the source documents (000 kubelet API, 002 private endpoint):
# nodes share the EKS cluster security group, the API endpoint is public (restricted to the VPN
# egress IP), the launch template allows IMDSv1, and two "temporary" kubelet rules were left behind.
terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

module "vpc" {
  source = "./modules/vpc"

  name            = local.name
  cidr            = var.vpc_cidr
  private_subnets = var.private_subnets
}

module "eks" {
  source = "./modules/eks"

  project_name       = var.project_name
  environment        = var.environment
  kubernetes_version = var.kubernetes_version
  vpc_id             = module.vpc.vpc_id
  vpc_cidr           = module.vpc.vpc_cidr
  cluster_subnet_ids = module.vpc.private_subnet_ids
  node_subnet_ids    = module.vpc.private_subnet_ids

  public_access_cidrs  = var.public_access_cidrs
  kubelet_debug_cidrs  = var.kubelet_debug_cidrs
}

locals {
  name = "${var.project_name}-${var.environment}"
}
