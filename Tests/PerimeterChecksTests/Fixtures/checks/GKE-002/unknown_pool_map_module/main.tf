# terraform-google-kubernetes-engine style: pools from a map whose values are known only after apply.
variable "readonly_port" {
  type = string
}

resource "google_container_cluster" "primary" {
  name                     = "prod"
  remove_default_node_pool = true
}

module "pools" {
  source  = "./modules/pools"
  cluster = google_container_cluster.primary.name
  pools = {
    batch = { readonly_port = var.readonly_port }
  }
}
