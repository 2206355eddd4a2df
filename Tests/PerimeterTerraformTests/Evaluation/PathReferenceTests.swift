import Foundation
import PerimeterTerraform
import Testing

/// Terraform runs in the root module: `path.*` and relative file paths are read from there, wherever
/// perimeter itself was started.
@Suite struct PathReferenceTests {
    @Test func pathsAreRelativeToTheRootModule() throws {
        let module = try TemporaryModule([
            "main.tf": """
            module "eks" {
              source = "./modules/eks"
            }
            resource "null_resource" "root" {
              module_path = path.module
              root_path   = path.root
              cwd         = path.cwd
              policy      = file("policy.json")
              folder      = basename(path.cwd)
            }
            """,
            "policy.json": "{\"Version\": \"2012-10-17\"}",
            "modules/eks/main.tf": """
            resource "null_resource" "child" {
              module_path = path.module
              root_path   = path.root
              rules       = file("${path.module}/rules.txt")
            }
            """,
            "modules/eks/rules.txt": "10250"
        ])
        defer { module.remove() }
        let result = module.evaluate()
        #expect(result.errors.isEmpty, "\(result.errors)")
        let root = try #require(result.resource("null_resource.root"))
        #expect(root["module_path"] == .string("."))
        #expect(root["root_path"] == .string("."))
        #expect(root["cwd"] == .string(module.directory.standardizedFileURL.path))
        #expect(root["policy"] == .string("{\"Version\": \"2012-10-17\"}"))
        #expect(root["folder"] == .string(module.directory.lastPathComponent))
        let child = try #require(result.resource("module.eks.null_resource.child"))
        #expect(child["module_path"] == .string("modules/eks"))
        #expect(child["root_path"] == .string("."))
        #expect(child["rules"] == .string("10250"))
    }
}
