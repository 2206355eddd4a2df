# The same idiom through module wrappers, as terraform-aws-eks calls its node-group submodule:
# module for_each over a map of objects whose values are unknown until apply.
# expect: module.node_group["system"].aws_launch_template.this[0]
variable "node_groups" {
  type = map(object({
    http_tokens = optional(string, "required")
  }))
  default = {
    system = { http_tokens = "optional" }
    secure = {}
  }
}

resource "aws_subnet" "private" {
  vpc_id     = "vpc-0eks"
  cidr_block = "10.0.1.0/24"
}

locals {
  node_groups = { for name, group in var.node_groups : name => merge(group, { subnet_ids = [aws_subnet.private.id] }) }
}

module "node_group" {
  source      = "./modules/node-group"
  for_each    = local.node_groups != null ? local.node_groups : {}
  name        = each.key
  subnet_ids  = each.value.subnet_ids
  http_tokens = each.value.http_tokens
}
