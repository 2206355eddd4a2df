resource "google_container_cluster" "autopilot" {
  name             = "auto"
  enable_autopilot = true

  node_pool_auto_config {
    node_kubelet_config {
      insecure_kubelet_readonly_port_enabled = "FALSE"
    }
  }
}

# Standard with auto-provisioning: auto-provisioned pools inherit the cluster default (GKE-001's).
resource "google_container_cluster" "nap_inherits" {
  name = "standard-nap"

  cluster_autoscaling {
    enabled = true
  }
}
