variable "deny_network" {
  type = string
}

# Whether the deny is in the allow's network is not known: neither open nor shadowed is certain.
resource "google_compute_firewall" "kubelet" {
  name          = "allow-kubelet"
  network       = "prod-vpc"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
}

resource "google_compute_firewall" "deny_kubelet" {
  name          = "deny-kubelet"
  network       = var.deny_network
  priority      = 10
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "tcp"
    ports    = ["10250"]
  }
}
