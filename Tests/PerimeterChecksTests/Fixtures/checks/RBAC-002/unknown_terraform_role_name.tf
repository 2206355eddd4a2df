# The role's name comes from a variable without a value: which role is bound is unknown, no finding on a guess.
variable "role_name" {
  type = string
}

resource "kubernetes_cluster_role_binding_v1" "admins" {
  metadata {
    name = "admins"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = var.role_name
  }
  subject {
    kind      = "User"
    name      = "alice@example.com"
    api_group = "rbac.authorization.k8s.io"
  }
}
