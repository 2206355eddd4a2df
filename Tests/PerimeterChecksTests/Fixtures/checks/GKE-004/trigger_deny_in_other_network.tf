# expect: google_compute_firewall.kubelet_prod
# expect: google_compute_firewall.kubelet_by_account
# A deny in another VPC network shadows nothing in this one.
resource "google_compute_network" "prod" {
  name = "prod-vpc"
}

resource "google_compute_network" "shared" {
  name = "shared-vpc"
}

resource "google_compute_firewall" "kubelet_prod" {
  name          = "allow-kubelet-prod"
  network       = google_compute_network.prod.self_link
  priority      = 1000
  source_ranges = ["0.0.0.0/0"]

  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
}

resource "google_compute_firewall" "deny_kubelet_shared" {
  name          = "deny-kubelet"
  network       = google_compute_network.shared.self_link
  priority      = 10
  source_ranges = ["0.0.0.0/0"]

  deny {
    protocol = "tcp"
    ports    = ["10250"]
  }
}

# Targets a service account; the deny of the same network targets a tag: the account's instances stay open.
resource "google_compute_firewall" "kubelet_by_account" {
  name                    = "allow-kubelet-sa"
  network                 = "prod-vpc"
  source_ranges           = ["0.0.0.0/0"]
  target_service_accounts = ["nodes@p.iam.gserviceaccount.com"]

  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
}

resource "google_compute_firewall" "deny_tagged" {
  name          = "deny-kubelet-tagged"
  network       = "prod-vpc"
  priority      = 100
  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["gke-node"]

  deny {
    protocol = "tcp"
    ports    = ["10250"]
  }
}
