# The inline default pool is deleted once the cluster exists: its node_config is no pool.
resource "google_container_cluster" "primary" {
  name                     = "prod"
  remove_default_node_pool = true
  initial_node_count       = 1

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

resource "google_container_node_pool" "primary" {
  name    = "primary"
  cluster = google_container_cluster.primary.name

  node_config {
    kubelet_config {
      cpu_manager_policy                     = "none"
      insecure_kubelet_readonly_port_enabled = "FALSE"
    }
  }
}
