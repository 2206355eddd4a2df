# The same network named three ways (reference, name, self link): each deny shadows its allow.
resource "google_compute_network" "prod" {
  name = "prod-vpc"
}

# Same priority: the deny wins the tie.
resource "google_compute_firewall" "kubelet" {
  name          = "allow-kubelet"
  network       = google_compute_network.prod.self_link
  priority      = 500
  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["gke-node"]

  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
}

# No targets: every instance of the network.
resource "google_compute_firewall" "deny_all_instances" {
  name          = "deny-kubelet"
  network       = "prod-vpc"
  priority      = 500
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "tcp"
    ports    = ["10250", "10255"]
  }
}

resource "google_compute_firewall" "kubelet_by_account" {
  name                    = "allow-kubelet-sa"
  network                 = "https://www.googleapis.com/compute/v1/projects/p/global/networks/prod-vpc"
  source_ranges           = ["0.0.0.0/0"]
  target_service_accounts = ["nodes@p.iam.gserviceaccount.com"]

  allow {
    protocol = "tcp"
    ports    = ["10255"]
  }
}
