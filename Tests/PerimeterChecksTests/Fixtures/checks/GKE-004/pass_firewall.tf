# GKE's own pair: the pod range may reach 10255, the internet is denied.
resource "google_compute_firewall" "inkubelet" {
  name     = "gke-prod-1a2b3c4d-inkubelet"
  network  = "gke-network"
  priority = 999

  source_ranges = ["10.4.0.0/14"]
  target_tags   = ["gke-prod-1a2b3c4d-node"]

  allow {
    protocol = "tcp"
    ports    = ["10255"]
  }
}

# Shadowed: a deny of higher precedence covers the same targets.
resource "google_compute_firewall" "web" {
  name     = "allow-web"
  network  = "gke-network"
  priority = 1000

  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["gke-prod-1a2b3c4d-node"]

  allow {
    protocol = "tcp"
    ports    = ["443", "10255"]
  }
}

resource "google_compute_firewall" "exkubelet" {
  name     = "gke-prod-1a2b3c4d-exkubelet"
  network  = "gke-network"
  priority = 900

  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["gke-prod-1a2b3c4d-node"]

  deny {
    protocol = "tcp"
    ports    = ["10255"]
  }
}

# Open to the world, but not on a kubelet port.
resource "google_compute_firewall" "https" {
  name          = "allow-https"
  network       = "gke-network"
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}
