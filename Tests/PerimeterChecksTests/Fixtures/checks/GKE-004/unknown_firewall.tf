variable "admin_ranges" {
  type = list(string)
}

resource "google_compute_firewall" "kubelet" {
  name          = "allow-kubelet"
  network       = "gke-network"
  source_ranges = var.admin_ranges

  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
}
