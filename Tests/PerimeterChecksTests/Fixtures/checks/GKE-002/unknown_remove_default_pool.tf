variable "remove_default_pool" {
  type = bool
}

# Whether the default pool survives is not known.
resource "google_container_cluster" "primary" {
  name                     = "prod"
  remove_default_node_pool = var.remove_default_pool

  node_pool_defaults {
    node_config_defaults {
      insecure_kubelet_readonly_port_enabled = "FALSE"
    }
  }

  node_config {
    kubelet_config {
      cpu_manager_policy                     = "none"
      insecure_kubelet_readonly_port_enabled = "TRUE"
    }
  }
}
