variable "requester_cidr" {
  type = string
}
resource "aws_vpc" "eks" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_route_table" "eks_private" {
  vpc_id = aws_vpc.eks.id
}

resource "aws_vpc_peering_connection" "vpn" {
  vpc_id      = aws_vpc.eks.id
  peer_vpc_id = "vpc-096c2102f9e82e7e2"
  auto_accept = true

  requester {
    allow_remote_vpc_dns_resolution = true
  }

  accepter {
    allow_remote_vpc_dns_resolution = true
  }
}

resource "aws_route" "requester_to_accepter" {
  route_table_id            = aws_route_table.eks_private.id
  destination_cidr_block    = "172.31.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.vpn.id
}

resource "aws_route" "accepter_to_requester" {
  route_table_id            = "rtb-0vpn1"
  destination_cidr_block    = var.requester_cidr
  vpc_peering_connection_id = aws_vpc_peering_connection.vpn.id
}
