# expect: aws_launch_template.no_metadata_block
# expect: aws_launch_template.optional_tokens
# expect: aws_instance.bastion[0]
resource "aws_launch_template" "no_metadata_block" {
  name_prefix = "nodes-"
}

resource "aws_launch_template" "optional_tokens" {
  name_prefix = "nodes-"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }
}

resource "aws_instance" "bastion" {
  count = 1

  ami           = "ami-12345678"
  instance_type = "t3.micro"

  metadata_options {
    http_put_response_hop_limit = 1
  }
}
