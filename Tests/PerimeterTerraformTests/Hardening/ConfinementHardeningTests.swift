import Foundation
import PerimeterModel
import Testing

@testable import PerimeterTerraform

/// File functions and local module sources read only the scanned tree; nothing from the environment
/// reaches an address or a message.
@Suite struct ConfinementHardeningTests {
    /// `base/root` is the root module, `base/outside.txt` and `base/mods/vpc` lie outside it.
    private func layout(_ main: String) throws -> (base: URL, root: URL) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-confine-\(UUID().uuidString)")
        let root = base.appendingPathComponent("root")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: base.appendingPathComponent("mods/vpc"), withIntermediateDirectories: true)
        try "secret".write(to: base.appendingPathComponent("outside.txt"), atomically: true, encoding: .utf8)
        try "inside".write(to: root.appendingPathComponent("inside.txt"), atomically: true, encoding: .utf8)
        try "resource \"terraform_data\" \"vpc\" {\n  input = 1\n}\n"
            .write(to: base.appendingPathComponent("mods/vpc/main.tf"), atomically: true, encoding: .utf8)
        try main.write(to: root.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("link.txt").path,
            withDestinationPath: base.appendingPathComponent("outside.txt").path)
        return (base, root)
    }

    private func evaluate(_ root: URL, limits: EvaluationLimits = EvaluationLimits()) -> TerraformEvaluation {
        var inputs = VariableInputs()
        inputs.limits = limits
        return TerraformEvaluator.evaluate(directory: root.path, inputs: inputs)
    }

    @Test func pathsOutsideTheTreeAreErrorsAndUnknown() throws {
        let reads = [
            "file(\"/etc/passwd\")", "file(\"../outside.txt\")", "file(\"link.txt\")", "filebase64(\"/etc/passwd\")",
            "fileexists(\"/etc/passwd\")", "fileset(\"/etc\", \"*\")", "templatefile(\"../outside.txt\", {})",
            "file(\"missing/../../outside.txt\")", "file(\"/proc/self/environ\")"
        ]
        let outputs = reads.enumerated().map { "output \"o\($0.offset)\" {\n  value = \($0.element)\n}\n" }.joined()
        let (base, root) = try layout(outputs + "output \"ok\" {\n  value = file(\"inside.txt\")\n}\n")
        defer { try? FileManager.default.removeItem(at: base) }
        let result = evaluate(root)
        #expect(result.errors.count == reads.count)
        for (index, read) in reads.enumerated() {
            #expect(result.outputs["o\(index)"]?.isUnknown == true, "\(read)")
            let path = read.split(separator: "\"")[1]
            #expect(
                result.errors.contains {
                    $0.location?.line == 2 + 3 * index && $0.message.contains("'\(path)' is outside the scanned tree")
                },
                "\(read): \(result.errorLines)")
        }
        #expect(result.outputs["ok"] == .string("inside"))
        #expect(!result.diagnostics.contains { $0.message.contains("secret") || $0.message.contains("root:x:0") })

        var allowed = EvaluationLimits()
        allowed.allowsFilesOutsideTree = true
        let open = evaluate(root, limits: allowed)
        #expect(open.outputs["o1"] == .string("secret"))
        #expect(open.outputs["o2"] == .string("secret"))
    }

    @Test func fileSetSkipsLinksThatLeadOut() throws {
        let (base, root) = try layout("output \"o\" {\n  value = fileset(path.module, \"*.txt\")\n}\n")
        defer { try? FileManager.default.removeItem(at: base) }
        #expect(evaluate(root).outputs["o"] == .set([.string("inside.txt")]))
    }

    @Test func moduleSourcesOutsideTheTree() throws {
        let main = "module \"vpc\" {\n  source = \"../mods/vpc\"\n}\n"
        let (base, root) = try layout(main)
        defer { try? FileManager.default.removeItem(at: base) }
        let blocked = evaluate(root)
        #expect(
            blocked.errorLines == [
                "main.tf:2:12: Module source '../mods/vpc' of module.vpc is outside the scanned tree '\(FileConfinement.realPath(root.path))'; perimeter reads modules only inside it (--allow-outside-files reads it anyway)"
            ])
        #expect(blocked.resources.isEmpty)
        // Scanning the directory above, or a git repository around it, makes the module part of the tree.
        var scanned = EvaluationLimits()
        scanned.treeRoots = [base.path]
        #expect(evaluate(root, limits: scanned).addresses == ["module.vpc.terraform_data.vpc"])
        try FileManager.default.createDirectory(at: base.appendingPathComponent(".git"), withIntermediateDirectories: true)
        #expect(evaluate(root).addresses == ["module.vpc.terraform_data.vpc"])
    }

    @Test func environmentValuesNeverReachAddressesOrMessages() throws {
        let main = """
            variable "token" {}
            resource "terraform_data" "leak" {
              for_each = toset([var.token])
              input    = cidrhost(var.token, 1)
            }
            output "home" {
              value = pathexpand("~/x")
            }
            """
        let module = try TemporaryModule(["main.tf": main])
        defer { module.remove() }
        var inputs = VariableInputs()
        inputs.withheldEnvironment = ["token"]
        let result = TerraformEvaluator.evaluate(directory: module.directory.path, inputs: inputs)
        #expect(result.addresses == ["terraform_data.leak[*]"])
        #expect(result.diagnostics.contains { $0.message.hasPrefix("var.token is set in the environment (TF_VAR_token)") })
        #expect(result.outputs["home"]?.isUnknown == true)
        // The same value given on purpose is used, as Terraform would.
        let given = TerraformEvaluator.evaluate(
            directory: module.directory.path,
            inputs: VariableInputs(commandLine: [.value(name: "token", raw: "10.0.0.0/8")]))
        #expect(given.addresses == ["terraform_data.leak[\"10.0.0.0/8\"]"])
    }

    @Test func confinementRootIsTheRepositoryTheScannedDirectoryOrTheModule() throws {
        let base = FileConfinement.realPath(
            FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-roots-\(UUID().uuidString)").path)
        let module = base + "/a/b"
        try FileManager.default.createDirectory(atPath: module, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        #expect(FileConfinement(rootModule: module, treeRoots: []).root == module)
        #expect(FileConfinement(rootModule: module, treeRoots: [base + "/a", "/elsewhere"]).root == base + "/a")
        try FileManager.default.createDirectory(atPath: base + "/.git", withIntermediateDirectories: true)
        #expect(FileConfinement(rootModule: module, treeRoots: [base + "/a"]).root == base)
        #expect(!FileConfinement(root: base).permits(base + "x/file"))
        #expect(FileConfinement(root: base).permits(base + "/a/../a/b/new.tf"))
    }
}
