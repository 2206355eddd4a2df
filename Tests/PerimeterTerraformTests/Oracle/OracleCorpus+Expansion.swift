/// `count` / `for_each` on resources: which instances Terraform plans and what each holds.
extension OracleCorpus {
    static let standIn = "Terraform refuses an unknown expansion; perimeter reads one stand-in instance"

    static func resource(_ name: String, _ body: String, knowsMore: String? = nil) -> OracleCase {
        .config(name, "resource \"terraform_data\" \"r\" {\n\(body)\n}\n", knowsMore: knowsMore)
    }

    static let expansion: [OracleCase] = [
        resource("fe-groups-or-empty", "for_each = local.groups != null ? local.groups : {}\ninput = each.value.id"),
        resource("fe-set-or-empty-tuple-on", "for_each = var.on ? toset(var.names) : []\ninput = each.key"),
        resource("fe-set-or-empty-tuple-off", "for_each = var.off ? toset(var.names) : []\ninput = each.key"),
        resource("fe-empty-tuple-or-set", "for_each = var.on ? [] : toset(var.names)\ninput = each.key"),
        // terraform-google-kubernetes-engine's sa.tf: the untaken branch is a set of values known only after apply.
        resource("fe-unknown-set-or-empty-tuple-off", "for_each = var.off ? toset([local.id]) : []\ninput = each.key"),
        resource("fe-empty-tuple-or-unknown-set", "for_each = var.on ? [] : (setunion([local.id], var.names))\ninput = each.key"),
        resource("fe-toset", "for_each = toset(var.names)\ninput = each.value"),
        resource("fe-map", "for_each = var.tags\ninput = \"${each.key}=${each.value}\""),
        resource("fe-map-of-unknowns", "for_each = local.groups\ninput = each.value.name"),
        resource("fe-merge", "for_each = merge(local.groups, {})\ninput = each.key"),
        resource("fe-for-filter-known", "for_each = { for k, g in local.groups : k => g if g.name != \"z\" }\ninput = each.value.id"),
        resource(
            "fe-for-filter-unknown", "for_each = { for k, g in local.groups : k => g if g.id != \"z\" }\ninput = each.key",
            knowsMore: standIn),
        resource("fe-grouping", "for_each = { for n in var.names : n => n... }\ninput = length(each.value)"),
        resource("fe-compact", "for_each = toset(compact([\"a\", \"\", \"b\"]))\ninput = each.key"),
        resource("fe-setunion", "for_each = setunion(toset([\"c\"]), toset(var.names))\ninput = each.key"),
        resource("fe-inverted-map", "for_each = { for k, v in var.tags : v => k }\ninput = each.value"),
        resource("fe-unknown-set", "for_each = toset([local.id])\ninput = each.key", knowsMore: standIn),
        resource("fe-empty-set", "for_each = toset([])\ninput = each.key"),
        resource("fe-empty-map", "for_each = {}\ninput = each.key"),
        resource("fe-empty-tuple", "for_each = []\ninput = each.key"),
        resource("fe-list-rejected", "for_each = var.names\ninput = each.key"),
        resource("fe-null-rejected", "for_each = var.nothing\ninput = each.key"),
        resource("fe-value-conditional", "for_each = var.tags\ninput = each.value == \"1\" ? local.id : each.key"),
        resource("fe-object-value", "for_each = local.groups\ninput = { name = each.value.name, id = each.value.id }"),
        resource("count-literal", "count = 2\ninput = count.index"),
        resource("count-conditional-on", "count = var.on ? 1 : 0\ninput = local.id"),
        resource("count-conditional-off", "count = var.off ? 1 : 0\ninput = local.id"),
        resource("count-length-of-map-of-unknowns", "count = length(local.groups)\ninput = count.index"),
        resource("count-length-empty", "count = length(var.empty)\ninput = count.index"),
        resource("count-variable-template", "count = var.three\ninput = \"n-${count.index}\""),
        resource("count-zero", "count = 0\ninput = 1"),
        resource("count-negative-rejected", "count = -1\ninput = 1"),
        resource("count-string", "count = \"2\"\ninput = count.index"),
        resource("count-null-rejected", "count = null\ninput = 1"),
        resource("count-unknown", "count = local.id == \"x\" ? 1 : 0\ninput = 1", knowsMore: standIn),
        resource("count-fraction-rejected", "count = 1.5\ninput = 1"),
        resource("input-object-unknown", "input = { a = local.id, b = \"x\" }"),
        resource("input-tuple-unknown", "input = [local.id, \"x\"]"),
        resource("input-resource-prefix", "input = resource.terraform_data.u.input"),
        resource("input-resource-prefix-unknown", "input = [resource.terraform_data.u.id]"),
        .config(
            "ref-for-each-resource",
            """
            resource "terraform_data" "fe" {
              for_each = toset(["x", "y"])
              input    = each.key
            }
            resource "terraform_data" "r" {
              input = [for k, v in terraform_data.fe : v.input]
            }
            """),
        .config(
            "ref-count-splat",
            """
            resource "terraform_data" "c" {
              count = 2
              input = "c${count.index}"
            }
            resource "terraform_data" "r" {
              input = terraform_data.c[*].input
            }
            """),
        .config(
            "ref-count-unknown-id",
            """
            resource "terraform_data" "c" {
              count = 1
              input = "c"
            }
            resource "terraform_data" "r" {
              input = terraform_data.c[0].id
            }
            """),
        .config(
            "ref-try-out-of-range",
            """
            resource "terraform_data" "c" {
              count = 1
              input = "c"
            }
            resource "terraform_data" "r" {
              input = try(terraform_data.c[5].id, "none")
            }
            """),
        .config(
            "ref-for-each-keys",
            """
            resource "terraform_data" "fe" {
              for_each = local.groups
              input    = each.value.id
            }
            resource "terraform_data" "r" {
              input = keys(terraform_data.fe)
            }
            """),
        .config(
            "ref-for-each-unknown-values",
            """
            resource "terraform_data" "fe" {
              for_each = local.groups
              input    = each.value.id
            }
            resource "terraform_data" "r" {
              for_each = terraform_data.fe
              input    = each.value.input
            }
            """),
        .config("ref-undeclared-rejected", "output \"v\" {\n  value = terraform_data.missing.id\n}\n"),
        .config(
            "ref-one-of-count",
            """
            resource "terraform_data" "c" {
              count = var.on ? 1 : 0
              input = "c"
            }
            output "v" {
              value = one(terraform_data.c[*].input)
            }
            """)
    ]
}
