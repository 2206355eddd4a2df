variable "readonly_port" {
  type = string
}

resource "google_container_cluster" "hardened" {
  name = "prod"

  node_pool_defaults {
    node_config_defaults {
      insecure_kubelet_readonly_port_enabled = "FALSE"
    }
  }
}

resource "google_container_node_pool" "batch" {
  name    = "batch"
  cluster = google_container_cluster.hardened.name

  node_config {
    kubelet_config {
      cpu_manager_policy                     = "static"
      insecure_kubelet_readonly_port_enabled = var.readonly_port
    }
  }
}
