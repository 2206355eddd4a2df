# expect: google_compute_firewall.kubelet_from_anywhere
# expect: google_compute_firewall.all_from_anywhere
resource "google_compute_firewall" "kubelet_from_anywhere" {
  name    = "allow-kubelet"
  network = "gke-network"

  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["gke-prod-1a2b3c4d-node"]

  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
}

# Outranks GKE's own exkubelet deny (priority 1000): the read-only port is open.
resource "google_compute_firewall" "all_from_anywhere" {
  name     = "allow-custom"
  network  = "gke-network"
  priority = 100

  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "all"
  }
}

resource "google_compute_firewall" "exkubelet" {
  name     = "gke-prod-1a2b3c4d-exkubelet"
  network  = "gke-network"
  priority = 1000

  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["gke-prod-1a2b3c4d-node"]

  deny {
    protocol = "tcp"
    ports    = ["10255"]
  }
}
