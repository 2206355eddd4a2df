# Auto-provisioned pools inherit the cluster default "FALSE".
resource "google_container_cluster" "nap_inherits_closed" {
  name = "nap-inherits"

  cluster_autoscaling {
    enabled = true
  }

  node_pool_defaults {
    node_config_defaults {
      insecure_kubelet_readonly_port_enabled = "FALSE"
    }
  }
}

# nodePoolAutoConfig sets its own value, which wins over the open cluster default.
resource "google_container_cluster" "nap_own_setting" {
  name = "nap-own"

  cluster_autoscaling {
    enabled = true
  }

  node_pool_defaults {
    node_config_defaults {
      insecure_kubelet_readonly_port_enabled = "TRUE"
    }
  }

  node_pool_auto_config {
    node_kubelet_config {
      insecure_kubelet_readonly_port_enabled = "FALSE"
    }
  }
}

# No auto-provisioning: no auto-provisioned pools.
resource "google_container_cluster" "no_nap" {
  name = "no-nap"

  cluster_autoscaling {
    enabled = false
  }
}
