# The node-groups idiom of terraform-aws-eks: for_each over `local.groups != null ? local.groups : {}`,
# a known map whose values hold unknowns (subnet IDs). Terraform plans both launch templates.
# expect: aws_launch_template.node["spot"]
# expect: aws_launch_template.node["system"]
resource "aws_subnet" "private" {
  vpc_id     = "vpc-0eks"
  cidr_block = "10.0.1.0/24"
}

locals {
  groups = {
    system = { subnet_id = aws_subnet.private.id, http_tokens = "optional" }
    spot   = { subnet_id = aws_subnet.private.id, http_tokens = null }
  }
}

resource "aws_launch_template" "node" {
  for_each    = local.groups != null ? local.groups : {}
  name_prefix = "${each.key}-"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = each.value.http_tokens
  }

  network_interfaces {
    subnet_id = each.value.subnet_id
  }
}
