variable "forwarding" {
  type = bool
}

resource "aws_instance" "vpn_router" {
  ami               = "ami-12345678"
  instance_type     = "t3.small"
  source_dest_check = !var.forwarding
}

resource "aws_route" "clients_via_router" {
  route_table_id         = "rtb-vpn"
  destination_cidr_block = "100.64.0.0/10"
  instance_id            = aws_instance.vpn_router.id
}
