resource "aws_instance" "vpn_router" {
  ami               = "ami-12345678"
  instance_type     = "t3.small"
  source_dest_check = false
}

resource "aws_route_table" "vpn" {
  vpc_id = "vpc-096c2102f9e82e7e2"

  route {
    cidr_block           = "100.64.0.0/10"
    network_interface_id = aws_instance.vpn_router.primary_network_interface_id
  }
}

resource "aws_route" "clients_via_router" {
  route_table_id         = aws_route_table.vpn.id
  destination_cidr_block = "10.100.0.0/16"
  instance_id            = aws_instance.vpn_router.id
}

# An instance no route points at may keep the check on.
resource "aws_instance" "app" {
  ami           = "ami-12345678"
  instance_type = "t3.small"
}
