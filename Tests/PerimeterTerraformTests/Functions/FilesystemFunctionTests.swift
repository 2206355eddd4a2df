import Foundation
import PerimeterTerraform
import Testing

/// Filesystem functions against a temporary module directory.
@Suite final class FilesystemFunctionTests {
    let directory: String
    let context: FunctionContext

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-files-\(UUID().uuidString)").path
        let files = [
            "main.tf": "resource \"x\" \"y\" {}\n",
            "templates/user_data.sh.tpl": "#!/bin/sh\necho ${name}\n",
            "policies/a.json": "{}", "policies/b.json": "{}", "policies/nested/c.json": "{}", "policies/readme.md": "x",
            "binary.bin": ""
        ]
        for (path, text) in files {
            let full = directory + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        try Data([0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: directory + "/binary.bin"))
        context = FunctionContext(
            baseDirectory: directory,
            renderTemplate: { path, variables in
                .object(["path": .string(path), "variables": variables])
            })
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func call(_ name: String, _ arguments: Value...) throws -> Value {
        try FunctionLibrary.call(name, arguments, context: context)
    }

    private func error(_ name: String, _ arguments: Value...) -> String? {
        do {
            _ = try FunctionLibrary.call(name, arguments, context: context)
            return nil
        } catch {
            return (error as? FunctionError)?.message ?? "\(error)"
        }
    }

    @Test func fileReadsRelativeToTheBaseDirectory() throws {
        #expect(try call("file", .string("main.tf")) == .string("resource \"x\" \"y\" {}\n"))
        #expect(try call("file", .string(directory + "/main.tf")) == .string("resource \"x\" \"y\" {}\n"))
        #expect(try call("file", .string("./templates/../main.tf")) == .string("resource \"x\" \"y\" {}\n"))
        #expect(error("file", .string("missing.txt")) == "No file exists at 'missing.txt'")
        #expect(error("file", .string("binary.bin")) == "The contents of 'binary.bin' are not valid UTF-8; use filebase64 for binary files")
    }

    @Test func filebase64ReadsBinaryFiles() throws {
        #expect(try call("filebase64", .string("binary.bin")) == .string("//4A"))
    }

    @Test func fileexistsTellsFilesFromDirectories() throws {
        #expect(try call("fileexists", .string("main.tf")) == .bool(true))
        #expect(try call("fileexists", .string("nope.tf")) == .bool(false))
        #expect(error("fileexists", .string("policies")) == "'policies' is a directory, not a file")
    }

    @Test func filesetMatchesGlobPatterns() throws {
        #expect(try call("fileset", .string("policies"), .string("*.json")) == .set([.string("a.json"), .string("b.json")]))
        #expect(
            try call("fileset", .string("policies"), .string("**/*.json"))
                == .set([.string("a.json"), .string("b.json"), .string("nested/c.json")]))
        #expect(try call("fileset", .string("policies"), .string("{a,readme}.*")) == .set([.string("a.json"), .string("readme.md")]))
        #expect(try call("fileset", .string("policies"), .string("[ab].json")) == .set([.string("a.json"), .string("b.json")]))
        #expect(try call("fileset", .string("missing"), .string("*")) == .set([]))
    }

    @Test func templatefileHandsTheResolvedPathToTheEvaluator() throws {
        let variables = Value.object(["name": .string("node")])
        let rendered = try call("templatefile", .string("templates/user_data.sh.tpl"), variables)
        #expect(rendered == .object(["path": .string(directory + "/templates/user_data.sh.tpl"), "variables": variables]))
        #expect(error("templatefile", .string("templates/none.tpl"), .object([:])) == "No template file exists at 'templates/none.tpl'")
        #expect(
            error("templatefile", .string("templates/user_data.sh.tpl"), .string("x"))
                == "Invalid argument 2 to 'templatefile': a map of template variables is required")
    }

    @Test func basenameKeepsTheLastElement() throws {
        #expect(try call("basename", .string("/a/b/c.txt")) == .string("c.txt"))
        #expect(try call("basename", .string("a/b/")) == .string("b"))
        #expect(try call("basename", .string("/")) == .string("/"))
        #expect(try call("basename", .string("")) == .string("."))
    }

    @Test func dirnameDropsTheLastElement() throws {
        #expect(try call("dirname", .string("/a/b/c.txt")) == .string("/a/b"))
        #expect(try call("dirname", .string("c.txt")) == .string("."))
        #expect(try call("dirname", .string("a//b/./c/")) == .string("a/b/c"))
        #expect(try call("dirname", .string("/a")) == .string("/"))
    }

    @Test func abspathResolvesAgainstTheBaseDirectory() throws {
        #expect(try call("abspath", .string("templates/../main.tf")) == .string(directory + "/main.tf"))
        #expect(try call("abspath", .string("/x//y/../z")) == .string("/x/z"))
    }

    @Test func pathexpandReplacesTheHomeDirectory() throws {
        let home = try #require(ProcessInfo.processInfo.environment["HOME"])
        #expect(try call("pathexpand", .string("~/.ssh/id_rsa.pub")) == .string(home + "/.ssh/id_rsa.pub"))
        #expect(try call("pathexpand", .string("/etc/hosts")) == .string("/etc/hosts"))
        #expect(error("pathexpand", .string("~bob/x")) == "Cannot expand the home directory of another user in '~bob/x'")
    }
}
