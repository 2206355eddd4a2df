# A ClusterRole with every verb on every resource, and its binding, through the kubernetes provider.
resource "kubernetes_cluster_role" "god_mode" {
  metadata {
    name = "god-mode"
  }
  rule {
    api_groups = ["*"]
    resources  = ["*"]
    verbs      = ["*"]
  }
}

# expect: kubernetes_cluster_role_binding.ci
resource "kubernetes_cluster_role_binding" "ci" {
  metadata {
    name = "ci-god-mode"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = kubernetes_cluster_role.god_mode.metadata[0].name
  }
  subject {
    kind      = "ServiceAccount"
    name      = "runner"
    namespace = "ci"
  }
}
