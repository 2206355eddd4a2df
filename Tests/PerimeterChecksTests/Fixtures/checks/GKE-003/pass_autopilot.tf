resource "google_container_cluster" "autopilot" {
  name             = "auto"
  enable_autopilot = true

  node_pool_auto_config {
    node_kubelet_config {
      insecure_kubelet_readonly_port_enabled = "FALSE"
    }
  }
}

# Standard with auto-provisioning: auto-provisioned pools inherit the cluster default, here "FALSE".
# (Without that default they would keep the legacy default, port on: see trigger_auto_provisioning.tf.)
resource "google_container_cluster" "nap_inherits" {
  name = "standard-nap"

  cluster_autoscaling {
    enabled = true
  }

  node_pool_defaults {
    node_config_defaults {
      insecure_kubelet_readonly_port_enabled = "FALSE"
    }
  }
}
