locals {
  metadata = {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
}

resource "aws_launch_template" "required" {
  name_prefix = "nodes-"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
}

# Through a dynamic block, as terraform-aws-modules writes it.
resource "aws_launch_template" "dynamic_required" {
  name_prefix = "nodes-"

  dynamic "metadata_options" {
    for_each = [local.metadata]
    content {
      http_endpoint = lookup(metadata_options.value, "http_endpoint", null)
      http_tokens   = lookup(metadata_options.value, "http_tokens", null)
    }
  }
}

# With the metadata endpoint off there is nothing to steal.
resource "aws_instance" "no_imds" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "disabled"
  }
}
