import Foundation
import PerimeterModel
import PerimeterTerraform
import Testing

@Suite struct VariableTests {
    static let declarations = """
        variable "name" {
          type    = string
          default = "from-default"
        }
        variable "ports" {
          type    = list(number)
          default = [1]
        }
        resource "null_resource" "r" {
          name  = var.name
          ports = var.ports
        }
        """

    @Test func precedenceDefaultsThenFilesThenCommandLine() throws {
        let module = try TemporaryModule([
            "main.tf": Self.declarations, "terraform.tfvars": "name = \"tfvars\"",
            "b.auto.tfvars": "name = \"auto-b\"", "a.auto.tfvars": "name = \"auto-a\"",
            "extra.tfvars": "name = \"var-file\"\nports = [8, 9]"
        ])
        defer { module.remove() }
        #expect(module.evaluate().resource("null_resource.r")?["name"] == .string("auto-b"))
        let varFile = module.directory.appendingPathComponent("extra.tfvars").path
        let withFile = module.evaluate(VariableInputs(commandLine: [.file(varFile)]))
        #expect(withFile.resource("null_resource.r")?["name"] == .string("var-file"))
        #expect(withFile.resource("null_resource.r")?["ports"] == .list([.number(8), .number(9)]))
        let withBoth = module.evaluate(VariableInputs(commandLine: [.file(varFile), .value(name: "name", raw: "cli")]))
        #expect(withBoth.resource("null_resource.r")?["name"] == .string("cli"))
    }

    @Test func environmentIsWeakerThanFiles() throws {
        let module = try TemporaryModule(["main.tf": Self.declarations])
        defer { module.remove() }
        let env = module.evaluate(VariableInputs(environment: ["TF_VAR_name": "env", "TF_VAR_ports": "[3, 4]"]))
        #expect(env.resource("null_resource.r")?["name"] == .string("env"))
        #expect(env.resource("null_resource.r")?["ports"] == .list([.number(3), .number(4)]))
    }

    @Test func variableWithoutValueIsUnknownNotAnError() throws {
        let module = try TemporaryModule(["main.tf": "variable \"x\" {}\nresource \"null_resource\" \"r\" {\n  x = var.x\n}\n"])
        defer { module.remove() }
        let result = module.evaluate()
        #expect(result.errors.isEmpty)
        #expect(result.resource("null_resource.r")?["x"]?.unknown?.reason == "variable 'x' has no value")
    }

    @Test func optionalObjectAttributesGetDefaults() throws {
        let module = try TemporaryModule([
            "main.tf": """
            variable "rules" {
              type = map(object({
                port     = number
                protocol = optional(string, "tcp")
                cidrs    = optional(list(string))
              }))
              default = { kubelet = { port = "10250" } }
            }
            resource "null_resource" "r" {
              protocol = var.rules.kubelet.protocol
              port     = var.rules.kubelet.port
              cidrs    = var.rules.kubelet.cidrs
            }
            """
        ])
        defer { module.remove() }
        let r = module.evaluate().resource("null_resource.r")
        #expect(r?["protocol"] == .string("tcp"))
        #expect(r?["port"] == .number(10250))
        #expect(r?["cidrs"] == .null)
    }
}

@Suite struct LocalsAndReferencesTests {
    @Test func localsInAnyOrder() throws {
        let module = try TemporaryModule([
            "main.tf": """
            locals {
              c = "${local.b}-c"
              b = upper(local.a)
              a = "a"
            }
            resource "null_resource" "r" { v = local.c }
            """
        ])
        defer { module.remove() }
        #expect(module.evaluate().resource("null_resource.r")?["v"] == .string("A-c"))
    }

    @Test func cyclesAreReportedNotHung() throws {
        let module = try TemporaryModule([
            "main.tf": "locals {\n  a = local.b\n  b = local.a\n}\nresource \"null_resource\" \"r\" { v = local.a }\n"
        ])
        defer { module.remove() }
        let result = module.evaluate()
        #expect(result.errors.contains { $0.message.hasPrefix("Cycle: local.a -> local.b -> local.a") })
        #expect(result.resource("null_resource.r")?["v"]?.isUnknown == true)
    }

    @Test func undeclaredReferencesAreErrorsWithPositions() throws {
        let module = try TemporaryModule(["main.tf": "resource \"null_resource\" \"r\" {\n  v = var.missing\n}\n"])
        defer { module.remove() }
        let error = try #require(module.evaluate().errors.first)
        #expect(error.message == "Reference to undeclared input variable 'missing'")
        #expect(error.location?.line == 2 && error.location?.column == 7)
    }

    @Test func dataSourcesAreUnknownReferences() throws {
        let module = try TemporaryModule([
            "main.tf": """
            data "aws_vpc" "vpn" {
              id = "vpc-1"
            }
            resource "null_resource" "r" {
              cidr = data.aws_vpc.vpn.cidr_block
              id   = data.aws_vpc.vpn.id
            }
            """
        ])
        defer { module.remove() }
        let r = module.evaluate().resource("null_resource.r")
        #expect(r?["cidr"]?.unknown?.reference == "data.aws_vpc.vpn.cidr_block")
        #expect(r?["id"] == .string("vpc-1"))
    }
}

@Suite struct ExpansionTests {
    @Test func countAndForEachAddresses() throws {
        let module = try TemporaryModule([
            "main.tf": """
            resource "null_resource" "counted" {
              count = 2
              i     = count.index
            }
            resource "null_resource" "keyed" {
              for_each = { b = 2, a = 1 }
              k        = each.key
              v        = each.value
            }
            resource "null_resource" "set" {
              for_each = toset(["x", "y", "x"])
              v        = each.value
            }
            resource "null_resource" "uses" {
              ids    = null_resource.counted[*].i
              second = null_resource.keyed["b"].v
              all    = [for r in null_resource.keyed : r.k]
            }
            """
        ])
        defer { module.remove() }
        let result = module.evaluate()
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(
            result.addresses == [
                "null_resource.counted[0]", "null_resource.counted[1]", "null_resource.keyed[\"a\"]",
                "null_resource.keyed[\"b\"]", "null_resource.set[\"x\"]", "null_resource.set[\"y\"]",
                "null_resource.uses"
            ])
        let uses = result.resource("null_resource.uses")
        #expect(uses?["ids"] == .list([.number(0), .number(1)]))
        #expect(uses?["second"] == .number(2))
        #expect(uses?["all"] == .list([.string("a"), .string("b")]))
    }

    @Test func dynamicBlocksBecomeNestedLists() throws {
        let module = try TemporaryModule([
            "main.tf": """
            locals {
              ports = [10250, 443]
            }
            resource "aws_security_group" "sg" {
              ingress {
                from_port = 22
              }
              dynamic "ingress" {
                for_each = local.ports
                iterator = port
                content {
                  from_port = port.value
                  index     = port.key
                }
              }
            }
            """
        ])
        defer { module.remove() }
        let result = module.evaluate()
        let ingress = result.resource("aws_security_group.sg")?["ingress"]?.elements ?? []
        #expect(ingress.count == 3)
        #expect(ingress.map { $0.fields?["from_port"] } == [.number(22), .number(10250), .number(443)])
        #expect(result.resource("aws_security_group.sg")?.locations["ingress[2]"]?.line == 11)
    }

    @Test func modulesWithForEachAndInstalledModules() throws {
        let module = try TemporaryModule([
            "main.tf": """
            module "local" {
              for_each = toset(["a", "b"])
              source   = "./child"
              name     = each.key
            }
            module "remote" {
              source  = "terraform-aws-modules/thing/aws"
              version = "1.0"
              name    = "r"
            }
            module "missing" {
              source = "terraform-aws-modules/absent/aws"
            }
            resource "null_resource" "out" {
              names  = [for m in module.local : m.name_out]
              remote = module.remote.name_out
              gone   = module.missing.anything
            }
            """,
            "child/main.tf":
                "variable \"name\" {}\nresource \"null_resource\" \"c\" { n = var.name }\noutput \"name_out\" { value = null_resource.c.n }\n",
            "vendor/thing/main.tf":
                "variable \"name\" {}\nresource \"null_resource\" \"c\" { n = var.name }\noutput \"name_out\" { value = \"remote-${var.name}\" }\n",
            ".terraform/modules/modules.json":
                #"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"remote","Source":"registry.terraform.io/terraform-aws-modules/thing/aws","Version":"1.0","Dir":"vendor/thing"}]}"#
        ])
        defer { module.remove() }
        let result = module.evaluate()
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.addresses.contains("module.local[\"a\"].null_resource.c"))
        #expect(result.addresses.contains("module.remote.null_resource.c"))
        let out = result.resource("null_resource.out")
        #expect(out?["names"] == .list([.string("a"), .string("b")]))
        #expect(out?["remote"] == .string("remote-r"))
        #expect(out?["gone"]?.isUnknown == true)
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.message.contains("module.missing") })
    }
}
