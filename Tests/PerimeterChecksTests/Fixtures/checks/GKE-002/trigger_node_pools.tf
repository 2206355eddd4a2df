# expect: google_container_node_pool.later
# expect: google_container_node_pool.inherits_open_default
# expect: google_container_cluster.open
resource "google_container_cluster" "hardened" {
  name = "prod"

  node_pool_defaults {
    node_config_defaults {
      insecure_kubelet_readonly_port_enabled = "FALSE"
    }
  }
}

# A later pool that turns the port back on for itself.
resource "google_container_node_pool" "later" {
  name    = "batch"
  cluster = google_container_cluster.hardened.name

  node_config {
    kubelet_config {
      cpu_manager_policy                     = "static"
      insecure_kubelet_readonly_port_enabled = "TRUE"
    }
  }
}

# Takes its cluster's default when created: that default leaves the port on.
resource "google_container_node_pool" "inherits_open_default" {
  name    = "web"
  cluster = google_container_cluster.open.name
}

# The default pool's deprecated node_config.
resource "google_container_cluster" "open" {
  name = "legacy"

  node_config {
    kubelet_config {
      cpu_manager_policy                     = "none"
      insecure_kubelet_readonly_port_enabled = "TRUE"
    }
  }
}

# expect: google_container_cluster.inline
# Inline node pools: one turns the port on, the other takes the cluster default "FALSE".
resource "google_container_cluster" "inline" {
  name = "inline"

  node_pool_defaults {
    node_config_defaults {
      insecure_kubelet_readonly_port_enabled = "FALSE"
    }
  }

  node_pool {
    name = "open"
    node_config {
      kubelet_config {
        cpu_manager_policy                     = "none"
        insecure_kubelet_readonly_port_enabled = "TRUE"
      }
    }
  }

  node_pool {
    name = "inherits"
  }
}
