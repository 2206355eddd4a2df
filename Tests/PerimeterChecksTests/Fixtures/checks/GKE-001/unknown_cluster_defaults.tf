variable "readonly_port" {
  type = string
}

resource "google_container_cluster" "primary" {
  name = "prod"

  node_pool_defaults {
    node_config_defaults {
      insecure_kubelet_readonly_port_enabled = var.readonly_port
    }
  }
}
