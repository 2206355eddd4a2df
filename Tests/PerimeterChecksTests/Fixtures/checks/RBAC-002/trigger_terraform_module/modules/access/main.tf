variable "admins" {
  type = map(string)
}

# expect: module.access.kubernetes_cluster_role_binding_v1.admin["platform"]
# expect: module.access.kubernetes_cluster_role_binding_v1.admin["sre"]
resource "kubernetes_cluster_role_binding_v1" "admin" {
  for_each = var.admins
  metadata {
    name = "${each.key}-cluster-admin"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "cluster-admin"
  }
  subject {
    kind      = "User"
    name      = each.value
    api_group = "rbac.authorization.k8s.io"
  }
}

# The default binding to system:masters, as Terraform would write it: not a finding.
resource "kubernetes_cluster_role_binding" "masters" {
  metadata {
    name = "cluster-admin"
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "ClusterRole"
    name      = "cluster-admin"
  }
  subject {
    kind      = "Group"
    name      = "system:masters"
    api_group = "rbac.authorization.k8s.io"
  }
}
