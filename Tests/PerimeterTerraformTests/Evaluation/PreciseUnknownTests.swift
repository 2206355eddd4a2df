import Foundation
import PerimeterModel
import PerimeterTerraform
import Testing

/// Values stay as known as Terraform keeps them: the idioms of terraform-aws-eks evaluated
/// directly and through a module wrapper.
@Suite struct PreciseUnknownTests {
    static let groups = """
        resource "aws_subnet" "private" {
          vpc_id = "vpc-1"
        }
        locals {
          groups = { a = { subnet = aws_subnet.private.id }, b = { subnet = "subnet-b" } }
        }

        """

    @Test func forEachOverKnownKeysWithUnknownValuesExpands() throws {
        let module = try TemporaryModule([
            "main.tf": Self.groups + """
                resource "aws_launch_template" "node" {
                  for_each  = local.groups != null ? local.groups : {}
                  subnet_id = each.value.subnet
                }
                """
        ])
        defer { module.remove() }
        let evaluation = module.evaluate()
        #expect(evaluation.errors.isEmpty)
        #expect(
            evaluation.resource("aws_launch_template.node[\"a\"]")?["subnet_id"] == .unknown(.attribute("id", of: "aws_subnet.private")))
        #expect(evaluation.resource("aws_launch_template.node[\"b\"]")?["subnet_id"] == .string("subnet-b"))
    }

    @Test func forEachOverKnownKeysThroughModuleWrapper() throws {
        let module = try TemporaryModule([
            "main.tf": Self.groups
                + "module \"ng\" {\n  source = \"./ng\"\n  for_each = local.groups != null ? local.groups : {}\n  subnet = each.value.subnet\n}\n",
            "ng/main.tf": "variable \"subnet\" {}\nresource \"aws_launch_template\" \"this\" {\n  subnet_id = var.subnet\n}\n"
        ])
        defer { module.remove() }
        let evaluation = module.evaluate()
        #expect(evaluation.errors.isEmpty)
        #expect(
            Set(evaluation.addresses) == [
                "aws_subnet.private", "module.ng[\"a\"].aws_launch_template.this", "module.ng[\"b\"].aws_launch_template.this"
            ])
    }

    @Test func emptyTupleBesideASetIsAnEmptySet() throws {
        let module = try TemporaryModule([
            "main.tf": """
            variable "on" {
              default = false
            }
            resource "aws_security_group_rule" "r" {
              for_each = var.on ? toset(["a"]) : []
            }
            resource "aws_security_group_rule" "s" {
              for_each = !var.on ? toset(["a"]) : []
            }
            """
        ])
        defer { module.remove() }
        let evaluation = module.evaluate()
        #expect(evaluation.errors.isEmpty, "\(evaluation.errors)")
        #expect(evaluation.addresses == ["aws_security_group_rule.s[\"a\"]"])
    }

    @Test func resourcePrefixReferencesAResource() throws {
        let module = try TemporaryModule([
            "main.tf": """
            resource "aws_security_group" "node" {}
            resource "aws_security_group_rule" "r" {
              security_group_id = resource.aws_security_group.node.id
            }
            """
        ])
        defer { module.remove() }
        let evaluation = module.evaluate()
        #expect(evaluation.errors.isEmpty)
        #expect(
            evaluation.resource("aws_security_group_rule.r")?["security_group_id"]
                == .unknown(.attribute("id", of: "aws_security_group.node")))
    }

    @Test func securityGroupReferenceSurvivesListFunctions() throws {
        let module = try TemporaryModule([
            "main.tf": """
            variable "extra" {
              default = ["sg-extra", ""]
            }
            resource "aws_security_group" "node" {}
            resource "aws_launch_template" "lt" {
              vpc_security_group_ids = compact(distinct(flatten(concat([aws_security_group.node.id], var.extra, [aws_security_group.node.id]))))
              set_ids                = setunion(toset([aws_security_group.node.id]), coalescelist([], ["sg-extra"]))
            }
            """
        ])
        defer { module.remove() }
        let launchTemplate = try #require(module.evaluate().resource("aws_launch_template.lt"))
        let node = Value.unknown(.attribute("id", of: "aws_security_group.node"))
        #expect(launchTemplate["vpc_security_group_ids"] == .list([node, .string("sg-extra")]))
        #expect(launchTemplate["set_ids"] == .set([.string("sg-extra"), node]))
    }

    @Test func templateKeepsKnownPrefixAndSuffix() throws {
        let module = try TemporaryModule([
            "main.tf": """
            data "aws_partition" "current" {}
            module "m" {
              source    = "./m"
              partition = data.aws_partition.current.partition
            }
            output "direct" {
              value = "arn:${data.aws_partition.current.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
            }
            output "wrapped" {
              value = module.m.arn
            }
            """,
            "m/main.tf":
                "variable \"partition\" {}\noutput \"arn\" {\n  value = \"arn:${var.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy\"\n}\n"
        ])
        defer { module.remove() }
        let outputs = module.evaluate().outputs
        for name in ["direct", "wrapped"] {
            let partial = try #require(outputs[name]?.unknown?.partial, "\(name)")
            #expect(partial.prefix == "arn:")
            #expect(partial.suffix == ":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy")
            #expect(
                partial.written == "arn:${data.aws_partition.current.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy")
        }
    }

    @Test func moduleCallsMustSetRequiredAndWellTypedVariables() throws {
        let module = try TemporaryModule([
            "main.tf": "module \"a\" {\n  source = \"./m\"\n}\nmodule \"b\" {\n  source = \"./m\"\n  x = [\"list\"]\n}\n",
            "m/main.tf": "variable \"x\" {\n  type = number\n}\n"
        ])
        defer { module.remove() }
        let messages = module.evaluate().errors.map(\.message)
        #expect(messages.contains { $0.contains("module.a needs a value for its variable 'x'") })
        #expect(messages.contains { $0.contains("module.b: variable 'x' must be a number, not a list") })
    }
}
