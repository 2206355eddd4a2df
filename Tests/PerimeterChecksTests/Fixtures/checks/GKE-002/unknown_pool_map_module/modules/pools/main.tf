variable "cluster" {
  type = string
}

variable "pools" {
  type = map(object({ readonly_port = string }))
}

resource "google_container_node_pool" "pools" {
  for_each = var.pools
  name     = each.key
  cluster  = var.cluster

  node_config {
    kubelet_config {
      cpu_manager_policy                     = "none"
      insecure_kubelet_readonly_port_enabled = try(each.value.readonly_port, "FALSE")
    }
  }
}
