# cluster-admin through a RoleBinding is namespace admin, and view cluster-wide is not cluster-admin.
resource "kubernetes_role_binding_v1" "team" {
  metadata {
    name      = "team-admin"
    namespace = "team-a"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "cluster-admin"
  }
  subject {
    kind      = "Group"
    name      = "team-a"
    api_group = "rbac.authorization.k8s.io"
  }
}

resource "kubernetes_cluster_role_binding_v1" "viewers" {
  metadata {
    name = "viewers"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "view"
  }
  subject {
    kind      = "Group"
    name      = "viewers"
    api_group = "rbac.authorization.k8s.io"
  }
}
