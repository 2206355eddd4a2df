# expect: aws_vpc_peering_connection.no_options
# expect: aws_vpc_peering_connection.one_side
resource "aws_vpc_peering_connection" "no_options" {
  vpc_id      = "vpc-0eks"
  peer_vpc_id = "vpc-096c2102f9e82e7e2"
  auto_accept = true
}

resource "aws_vpc_peering_connection" "one_side" {
  vpc_id      = "vpc-0eks"
  peer_vpc_id = "vpc-0other"
  auto_accept = true

  requester {
    allow_remote_vpc_dns_resolution = true
  }
}
