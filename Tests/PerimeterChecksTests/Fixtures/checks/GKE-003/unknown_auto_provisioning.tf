variable "auto_provisioning" {
  type = bool
}

resource "google_container_cluster" "nap_maybe" {
  name = "nap-maybe"

  cluster_autoscaling {
    enabled = var.auto_provisioning
  }
}
