variable "readonly_port" {
  type = string
}

resource "google_container_cluster" "autopilot" {
  name             = "auto"
  enable_autopilot = true

  node_pool_auto_config {
    node_kubelet_config {
      insecure_kubelet_readonly_port_enabled = var.readonly_port
    }
  }
}
