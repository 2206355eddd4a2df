# The "after" state of the source documents: a dedicated node security group that admits the
# kubelet API only from the cluster security group, IMDSv2 on the launch template, a private-only
# API endpoint reached from the VPN VPC through peering with routes and DNS resolution both ways.
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
  cluster_subnet_ids = module.vpc.private_subnet_ids
  node_subnet_ids    = module.vpc.private_subnet_ids

  cluster_private_endpoint_access_cidrs = [var.vpn_vpc_cidr]
}

data "aws_route_tables" "vpn" {
  vpc_id = var.vpn_vpc_id
}

module "vpn_peering" {
  source = "./modules/vpc-peering"

  requester_vpc_id          = module.vpc.vpc_id
  requester_vpc_cidr        = var.vpc_cidr
  requester_route_table_ids = [module.vpc.private_route_table_id]
  accepter_vpc_id           = var.vpn_vpc_id
  accepter_vpc_cidr         = var.vpn_vpc_cidr
  accepter_route_table_ids  = data.aws_route_tables.vpn.ids
}

locals {
  name = "${var.project_name}-${var.environment}"
}
