variable "cluster_name" {
  type = string
}

variable "pre_bootstrap_user_data" {
  type = string
}

data "cloudinit_config" "linux" {
  count = var.pre_bootstrap_user_data != "" ? 1 : 0

  base64_encode = true
  gzip          = false
  boundary      = "//"

  part {
    content      = var.pre_bootstrap_user_data
    content_type = "text/x-shellscript"
  }
}

output "user_data" {
  value = try(coalesce(try(data.cloudinit_config.linux[0].rendered, null), ""), "")
}
