# expect: google_container_cluster.autopilot_unset
# expect: google_container_cluster.autopilot_enabled
# expect: google_container_cluster.nap_enabled
resource "google_container_cluster" "autopilot_unset" {
  name             = "auto"
  enable_autopilot = true
}

resource "google_container_cluster" "autopilot_enabled" {
  name             = "auto-open"
  enable_autopilot = true

  node_pool_auto_config {
    node_kubelet_config {
      insecure_kubelet_readonly_port_enabled = "TRUE"
    }
  }
}

# Standard with node auto-provisioning that turns the port on for auto-provisioned pools.
resource "google_container_cluster" "nap_enabled" {
  name = "standard-nap"

  cluster_autoscaling {
    enabled = true
  }

  node_pool_defaults {
    node_config_defaults {
      insecure_kubelet_readonly_port_enabled = "FALSE"
    }
  }

  node_pool_auto_config {
    node_kubelet_config {
      insecure_kubelet_readonly_port_enabled = "TRUE"
    }
  }
}
