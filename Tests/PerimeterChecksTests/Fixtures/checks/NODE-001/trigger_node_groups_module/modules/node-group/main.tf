variable "name" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "http_tokens" {
  type = string
}

variable "create_launch_template" {
  type    = bool
  default = true
}

resource "aws_launch_template" "this" {
  count       = var.create_launch_template ? 1 : 0
  name_prefix = "${var.name}-"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = var.http_tokens
  }
}
