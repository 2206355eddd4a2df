# expect: google_container_cluster.kept
# remove_default_node_pool = false keeps the default pool and its node_config.
resource "google_container_cluster" "kept" {
  name                     = "kept"
  remove_default_node_pool = false

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
