/// Module inputs, outputs, type conversion of variables, and module expansion.
extension OracleCorpus {
    /// A module under `modules/m` whose body is `text`, called from the root by `call`.
    static func module(_ name: String, call: String, _ text: String, knowsMore: String? = nil) -> OracleCase {
        .config(name, call, modules: ["modules/m/main.tf": text], knowsMore: knowsMore)
    }

    static let echoModule = """
        variable "x" {}
        resource "terraform_data" "r" {
          input = var.x
        }
        output "out" {
          value = var.x
        }
        """

    static func typed(_ type: String, default fallback: String? = nil, nullable: Bool = true) -> String {
        """
        variable "x" {
          type = \(type)
        \(fallback.map { "  default = \($0)" } ?? "")
        \(nullable ? "" : "  nullable = false")
        }
        output "out" {
          value = var.x
        }
        """
    }

    static let modules: [OracleCase] = [
        module(
            "mod-known", call: "module \"m\" {\n  source = \"./modules/m\"\n  x = \"a\"\n}\noutput \"v\" {\n  value = module.m.out\n}\n",
            echoModule),
        module(
            "mod-unknown-input",
            call: "module \"m\" {\n  source = \"./modules/m\"\n  x = local.id\n}\noutput \"v\" {\n  value = module.m.out\n}\n", echoModule),
        module(
            "mod-object-input",
            call: "module \"m\" {\n  source = \"./modules/m\"\n  x = local.groups\n}\noutput \"v\" {\n  value = module.m.out.b\n}\n",
            echoModule),
        module(
            "mod-for-each-groups",
            call: """
                module "m" {
                  source   = "./modules/m"
                  for_each = local.groups != null ? local.groups : {}
                  x        = each.value.id
                }
                output "v" {
                  value = { for k, m in module.m : k => m.out }
                }
                """, echoModule),
        module(
            "mod-for-each-set-or-empty",
            call: """
                module "m" {
                  source   = "./modules/m"
                  for_each = var.on ? toset(var.names) : []
                  x        = each.key
                }
                """, echoModule),
        module(
            "mod-count-on",
            call: """
                module "m" {
                  source = "./modules/m"
                  count  = var.on ? 1 : 0
                  x      = "c"
                }
                output "v" {
                  value = module.m[0].out
                }
                """, echoModule),
        module(
            "mod-count-off-try",
            call: """
                module "m" {
                  source = "./modules/m"
                  count  = var.off ? 1 : 0
                  x      = "c"
                }
                output "v" {
                  value = try(module.m[0].out, "none")
                }
                """, echoModule),
        module(
            "mod-list-string-conversion",
            call: "module \"m\" {\n  source = \"./modules/m\"\n  x = [\"a\", 1, true]\n}\noutput \"v\" {\n  value = module.m.out\n}\n",
            typed("list(string)")),
        module(
            "mod-set-string-conversion",
            call: "module \"m\" {\n  source = \"./modules/m\"\n  x = [\"b\", \"a\", \"b\"]\n}\noutput \"v\" {\n  value = module.m.out\n}\n",
            typed("set(string)")),
        module(
            "mod-map-string-of-unknowns",
            call:
                "module \"m\" {\n  source = \"./modules/m\"\n  x = { a = local.id, b = 2 }\n}\noutput \"v\" {\n  value = module.m.out\n}\n",
            typed("map(string)")),
        module(
            "mod-number-from-string",
            call: "module \"m\" {\n  source = \"./modules/m\"\n  x = \"5\"\n}\noutput \"v\" {\n  value = module.m.out + 1\n}\n",
            typed("number")),
        module(
            "mod-bool-from-string",
            call: "module \"m\" {\n  source = \"./modules/m\"\n  x = \"true\"\n}\noutput \"v\" {\n  value = module.m.out\n}\n",
            typed("bool")),
        module(
            "mod-optional-default",
            call: "module \"m\" {\n  source = \"./modules/m\"\n  x = { a = \"1\" }\n}\noutput \"v\" {\n  value = module.m.out\n}\n",
            typed("object({ a = string, b = optional(string, \"d\"), c = optional(list(string)) })")),
        module(
            "mod-list-of-objects-optional",
            call:
                "module \"m\" {\n  source = \"./modules/m\"\n  x = [{ name = \"a\" }, { name = \"b\", port = 80 }]\n}\noutput \"v\" {\n  value = module.m.out\n}\n",
            typed("list(object({ name = string, port = optional(number, 443) }))")),
        module(
            "mod-default-used", call: "module \"m\" {\n  source = \"./modules/m\"\n}\noutput \"v\" {\n  value = module.m.out\n}\n",
            typed("list(string)", default: "[\"d\"]")),
        module(
            "mod-null-non-nullable",
            call: "module \"m\" {\n  source = \"./modules/m\"\n  x = null\n}\noutput \"v\" {\n  value = module.m.out\n}\n",
            typed("string", default: "\"d\"", nullable: false)),
        module(
            "mod-null-nullable",
            call: "module \"m\" {\n  source = \"./modules/m\"\n  x = null\n}\noutput \"v\" {\n  value = module.m.out\n}\n",
            typed("string", default: "\"d\"")),
        module(
            "mod-type-mismatch-rejected", call: "module \"m\" {\n  source = \"./modules/m\"\n  x = [\"a\"]\n}\n",
            typed("number")),
        module("mod-missing-required-rejected", call: "module \"m\" {\n  source = \"./modules/m\"\n}\n", echoModule),
        module(
            "mod-unknown-output-used",
            call: """
                module "m" {
                  source = "./modules/m"
                  x      = local.id
                }
                resource "terraform_data" "r" {
                  input = [module.m.out, "x"]
                }
                """, echoModule),
        module(
            "mod-for-each-resources-output",
            call: "module \"m\" {\n  source = \"./modules/m\"\n  x = local.groups\n}\noutput \"v\" {\n  value = module.m.out\n}\n",
            """
            variable "x" {}
            resource "terraform_data" "r" {
              for_each = var.x
              input    = each.value.id
            }
            output "out" {
              value = { for k, r in terraform_data.r : k => r.input }
            }
            """),
        module(
            "mod-nested", call: "module \"m\" {\n  source = \"./modules/m\"\n  x = \"a\"\n}\noutput \"v\" {\n  value = module.m.out\n}\n",
            """
            variable "x" {}
            module "inner" {
              source = "./inner"
              x      = "${var.x}-inner"
            }
            output "out" {
              value = module.inner.out
            }
            """
        ).adding("modules/m/inner/main.tf", echoModule),
        module(
            "mod-compact-distinct-reference",
            call: """
                module "m" {
                  source = "./modules/m"
                  x      = compact(distinct(concat([terraform_data.u.id], var.names)))
                }
                """, echoModule, knowsMore: idNeverEmpty),
        module(
            "mod-template-partition",
            call: """
                module "m" {
                  source = "./modules/m"
                  x      = "arn:${local.id}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
                }
                output "v" {
                  value = endswith(module.m.out, "/AmazonEKSClusterAdminPolicy")
                }
                """, echoModule, knowsMore: "perimeter keeps a template's known suffix; Terraform keeps only the prefix"),
        module(
            "mod-for-each-unknown-values-inside", call: "module \"m\" {\n  source = \"./modules/m\"\n  x = local.groups\n}\n",
            """
            variable "x" {
              type = map(object({ id = string, name = string }))
            }
            resource "terraform_data" "r" {
              for_each = var.x != null ? var.x : {}
              input    = each.value.name
            }
            """),
        module(
            "mod-count-and-for-each-nested",
            call: """
                module "m" {
                  source   = "./modules/m"
                  for_each = toset(["p", "q"])
                  x        = each.key
                }
                """,
            """
            variable "x" {}
            resource "terraform_data" "r" {
              count = var.x == "p" ? 2 : 1
              input = "${var.x}${count.index}"
            }
            """),
        module(
            "mod-path-module", call: "module \"m\" {\n  source = \"./modules/m\"\n  x = 1\n}\noutput \"v\" {\n  value = module.m.out\n}\n",
            """
            variable "x" {}
            output "out" {
              value = path.module
            }
            """),
        module(
            "mod-set-of-unknown-for-each-rejected", call: "module \"m\" {\n  source = \"./modules/m\"\n  x = [local.id]\n}\n",
            """
            variable "x" {
              type = list(string)
            }
            resource "terraform_data" "r" {
              for_each = toset(var.x)
              input    = each.key
            }
            """, knowsMore: standIn)
    ]
}

extension OracleCase {
    func adding(_ path: String, _ contents: String) -> OracleCase {
        var files = self.files
        files[path] = contents
        return OracleCase(name: name, files: files, knowsMore: knowsMore)
    }
}
