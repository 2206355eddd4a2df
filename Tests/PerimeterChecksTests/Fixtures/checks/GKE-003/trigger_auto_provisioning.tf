# expect: google_container_cluster.nap_nothing_set
# expect: google_container_cluster.nap_open_default
# Standard clusters with node auto-provisioning: auto-provisioned pools take nodePoolAutoConfig's setting,
# else the cluster default, else GKE's legacy default (port on).
resource "google_container_cluster" "nap_nothing_set" {
  name = "nap-nothing"

  cluster_autoscaling {
    enabled = true
  }
}

resource "google_container_cluster" "nap_open_default" {
  name = "nap-open-default"

  cluster_autoscaling {
    enabled = true
  }

  node_pool_defaults {
    node_config_defaults {
      insecure_kubelet_readonly_port_enabled = "TRUE"
    }
  }
}
