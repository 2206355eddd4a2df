resource "aws_vpc_peering_connection" "this" {
  vpc_id      = "vpc-0eks"
  peer_vpc_id = "vpc-096c2102f9e82e7e2"
  auto_accept = true
}

resource "aws_vpc_peering_connection_options" "this" {
  vpc_peering_connection_id = aws_vpc_peering_connection.this.id

  requester {
    allow_remote_vpc_dns_resolution = true
  }

  accepter {
    allow_remote_vpc_dns_resolution = true
  }
}
