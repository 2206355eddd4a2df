# expect: google_container_cluster.enabled
# expect: google_container_cluster.unset
resource "google_container_cluster" "enabled" {
  name = "prod"

  node_pool_defaults {
    node_config_defaults {
      insecure_kubelet_readonly_port_enabled = "TRUE"
    }
  }
}

# No node_pool_defaults: new node pools keep the legacy default (port on).
resource "google_container_cluster" "unset" {
  name = "legacy"
}
