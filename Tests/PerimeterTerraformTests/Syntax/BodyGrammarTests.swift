import Foundation
import PerimeterModel
import Testing

@testable import PerimeterTerraform

@Suite struct BodyGrammarTests {
    @Test func blocksWithLabelsAndAttributes() throws {
        let source = """
            # comment
            resource "aws_security_group" "node" {
              name = "node" // trailing comment
              /* block
                 comment */
              ingress {
                from_port = 10250
              }
            }
            locals { a = 1 }
            terraform {}
            """
        let result = HCLParser.parseFile(source: source, path: "main.tf")
        #expect(result.diagnostics.isEmpty)
        let body = result.file.body
        #expect(body.blocks.map(\.type) == ["resource", "locals", "terraform"])
        let resource = try #require(body.blocks.first)
        #expect(resource.labels == ["aws_security_group", "node"])
        #expect(resource.range.start.line == 2 && resource.range.start.column == 1)
        #expect(resource.body.attribute("name")?.range.start.line == 3)
        let ingress = try #require(resource.body.blocks(ofType: "ingress").first)
        #expect(ingress.range.start.line == 6)
        #expect(ingress.body.attribute("from_port")?.expression.kind == .literal(.number(10250)))
        #expect(body.blocks[1].body.attribute("a") != nil)
    }

    @Test func identifierLabels() {
        let result = HCLParser.parseFile(source: "dynamic ingress {\n  for_each = []\n}\n", path: "x.tf")
        #expect(result.diagnostics.isEmpty)
        #expect(result.file.body.blocks.first?.labels == ["ingress"])
    }

    @Test func crlfLineEndings() {
        let result = HCLParser.parseFile(source: "a = 1\r\nb = [\r\n  2,\r\n]\r\n", path: "x.tf")
        #expect(result.diagnostics.isEmpty)
        #expect(result.file.body.attributes.map(\.name) == ["a", "b"])
    }

    @Test func columnsCountCharactersNotBytes() {
        let result = HCLParser.parseFile(source: "a = \"é\" $\n", path: "x.tf")
        #expect(result.diagnostics.first?.location?.column == 9)
    }

    @Test func realisticModule() throws {
        let path = FixturePaths.syntax("eks_like.tf")
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let result = HCLParser.parseFile(source: source, path: path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let resources = result.file.body.blocks.filter { $0.type == "resource" }.map { $0.labels.joined(separator: ".") }
        #expect(resources == ["aws_security_group.node", "aws_security_group_rule.kubelet", "aws_iam_role.irsa"])
        let dynamic = result.file.body.blocks[1].body.blocks(ofType: "dynamic")
        #expect(dynamic.first?.labels == ["ingress"])
    }
}

@Suite struct JSONSyntaxTests {
    @Test func resourcesAndTemplates() throws {
        let source = """
            {
              "variable": {"cidrs": {"type": "list(string)", "default": ["${not-a-template}"]}},
              "resource": {
                "aws_security_group_rule": {
                  "kubelet": {
                    "for_each": "${toset(var.cidrs)}",
                    "from_port": 10250,
                    "cidr_blocks": ["${each.value}"],
                    "lifecycle": {"create_before_destroy": true}
                  }
                }
              },
              "locals": [{"a": 1}, {"b": "x"}]
            }
            """
        let result = HCLParser.parseJSONFile(source: source, path: "main.tf.json")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let blocks = result.file.body.blocks
        #expect(blocks.map(\.type) == ["variable", "resource", "locals", "locals"])
        let variable = blocks[0]
        #expect(Render.expression(try #require(variable.body.attribute("type")).expression) == "list(string)")
        #expect(Render.expression(try #require(variable.body.attribute("default")).expression) == "[\"${not-a-template}\"]")
        let rule = blocks[1]
        #expect(rule.labels == ["aws_security_group_rule", "kubelet"])
        #expect(Render.expression(try #require(rule.body.attribute("for_each")).expression) == "\"${toset(var.cidrs)}\"")
        #expect(rule.body.blocks.map(\.type) == ["lifecycle"])
        #expect(rule.range.start.line == 5)
    }

    @Test func wrongShapeIsReported() {
        #expect(
            HCLParser.parseJSONFile(source: "[1, 2]", path: "x.tf.json").diagnostics.first?.message
                == "A .tf.json file must hold a JSON object at the top level")
        let broken = HCLParser.parseJSONFile(source: "{\n  \"resource\": {\n    \"a\" 1\n}", path: "x.tf.json")
        #expect(broken.diagnostics.first?.location?.line == 3)
    }
}

enum FixturePaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func syntax(_ name: String) -> String { root.appendingPathComponent("syntax").appendingPathComponent(name).path }
}
