variable "partition" {
  type = string
}

variable "access_entries" {
  type = map(object({
    principal_arn = string
    policy_associations = map(object({
      policy = string
      scope  = string
    }))
  }))
}

locals {
  associations = merge([
    for entry_key, entry in var.access_entries : {
      for association_key, association in entry.policy_associations : "${entry_key}_${association_key}" => {
        principal_arn = entry.principal_arn
        policy_arn    = "arn:${var.partition}:eks::aws:cluster-access-policy/${association.policy}"
        scope         = association.scope
      }
    }
  ]...)
}

resource "aws_eks_access_entry" "this" {
  for_each      = var.access_entries
  cluster_name  = "prod"
  principal_arn = each.value.principal_arn
}

resource "aws_eks_access_policy_association" "this" {
  for_each      = local.associations
  cluster_name  = "prod"
  principal_arn = each.value.principal_arn
  policy_arn    = each.value.policy_arn
  access_scope {
    type = each.value.scope
  }
}
