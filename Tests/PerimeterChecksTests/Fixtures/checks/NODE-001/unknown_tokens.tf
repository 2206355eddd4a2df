variable "http_tokens" {
  type = string
}

resource "aws_launch_template" "this" {
  name_prefix = "nodes-"

  metadata_options {
    http_tokens = var.http_tokens
  }
}
