resource "google_container_cluster" "hardened" {
  name = "prod"

  node_pool_defaults {
    node_config_defaults {
      insecure_kubelet_readonly_port_enabled = "FALSE"
    }
  }
}

# Autopilot clusters are GKE-003's concern.
resource "google_container_cluster" "autopilot" {
  name             = "auto"
  enable_autopilot = true
}
