# The VPN router of source document 002, before `--no-source-dest-check`.
# expect: aws_instance.vpn_router
resource "aws_instance" "vpn_router" {
  ami           = "ami-12345678"
  instance_type = "t3.small"
  subnet_id     = "subnet-vpn"
}

resource "aws_route" "clients_via_router" {
  route_table_id         = "rtb-vpn"
  destination_cidr_block = "100.64.0.0/10"
  instance_id            = aws_instance.vpn_router.id
}
