import Foundation
import Testing

@testable import PerimeterModuleFetch

/// Git sources over file://, HTTP archives from a loopback server, hostile archives, silent servers, size caps.
@Suite struct GitAndArchiveFetchTests {
    static func text(_ directory: String) throws -> String {
        try String(contentsOfFile: directory + "/main.tf", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func gitTagCommitAndDefaultBranchWithSubdirectory() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("repo/modules/nodes/main.tf", "# one\n")
        let first = try workspace.gitRepository("repo", tag: "v1.0.0")
        try workspace.write("repo/modules/nodes/main.tf", "# two\n")
        let git = ["git", "-C", workspace.path("repo"), "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
        try shell(git + ["commit", "-q", "-am", "two"])

        let fetcher = ModuleFetcher(cacheDirectory: workspace.path("cache"))
        let url = "file://\(workspace.path("repo"))"
        let tagged = try fetcher.moduleDirectory(source: "git::\(url)//modules/nodes?ref=v1.0.0", version: nil)
        #expect(try Self.text(tagged) == "# one")
        let latest = try fetcher.moduleDirectory(source: "git::\(url)//modules/nodes", version: nil)
        #expect(try Self.text(latest) == "# two")
        let pinned = try fetcher.moduleDirectory(source: "git::\(url)//modules/nodes?ref=\(first)", version: nil)
        #expect(try Self.text(pinned) == "# one")
        #expect(!FileManager.default.fileExists(atPath: (tagged as NSString).deletingLastPathComponent + "/../.git"))
        #expect {
            _ = try fetcher.moduleDirectory(source: "git::\(url)?ref=v9.9.9", version: nil)
        } throws: { error in
            (error as? ModuleFetchError)?.description.hasPrefix("'git clone' failed:") == true
        }
        #expect(throws: ModuleFetchError.missingSubdirectory("git::\(url)//absent?ref=v1.0.0", subdirectory: "absent")) {
            try fetcher.moduleDirectory(source: "git::\(url)//absent?ref=v1.0.0", version: nil)
        }
    }

    @Test func httpArchivesTarGzZipAndArchiveParameter() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("pkg/modules/a/main.tf", "# from an archive\n")
        try workspace.tarball(of: "pkg", to: "reg/files/pkg.tgz")
        try FileManager.default.copyItem(atPath: workspace.path("reg/files/pkg.tgz"), toPath: workspace.path("reg/files/download"))
        try shell([
            "python3", "-c", "import shutil,sys; shutil.make_archive(sys.argv[1], 'zip', sys.argv[2])",
            workspace.path("reg/files/pkg"), workspace.path("pkg")
        ])
        let server = try ModuleTestServer(["registry", workspace.path("reg")])
        defer { server.stop() }
        let fetcher = ModuleFetcher(cacheDirectory: workspace.path("cache"))
        for source in [
            "\(server.origin)/files/pkg.tgz//modules/a", "\(server.origin)/files/pkg.zip//modules/a",
            "\(server.origin)/files/download//modules/a?archive=tar.gz"
        ] {
            let directory = try fetcher.moduleDirectory(source: source, version: nil)
            #expect(try Self.text(directory) == "# from an archive", "\(source)")
        }
        #expect(try server.counts()["files"] == 3)
    }

    @Test(arguments: ["tar-dotdot", "tar-absolute", "tar-symlink-out", "tar-through-symlink", "zip-dotdot"])
    func hostileArchivesAreRefusedBeforeAnythingIsWritten(_ kind: String) throws {
        let workspace = try TestWorkspace("hostile\(kind)")
        defer { workspace.remove() }
        try FileManager.default.createDirectory(atPath: workspace.path("reg/files"), withIntermediateDirectories: true)
        let script = """
            import io, sys, tarfile, zipfile
            kind, out = sys.argv[1], sys.argv[2]
            def add(t, name, data=b"x", link=None):
                info = tarfile.TarInfo(name)
                if link is not None:
                    info.type, info.linkname = tarfile.SYMTYPE, link
                    t.addfile(info)
                else:
                    info.size = len(data)
                    t.addfile(info, io.BytesIO(data))
            if kind == "zip-dotdot":
                with zipfile.ZipFile(out, "w") as z:
                    z.writestr("main.tf", "# ok")
                    z.writestr("../../evil.tf", "# evil")
            else:
                with tarfile.open(out, "w:gz") as t:
                    add(t, "main.tf", b"# ok")
                    if kind == "tar-dotdot": add(t, "modules/../../../evil.tf", b"# evil")
                    if kind == "tar-absolute": add(t, "/tmp/perimeter-evil.tf", b"# evil")
                    if kind == "tar-symlink-out": add(t, "modules/escape", link="../../..")
                    if kind == "tar-through-symlink":
                        add(t, "inside", link="modules")
                        add(t, "inside/evil.tf", b"# evil")
            """
        let archive = kind.hasPrefix("zip") ? "evil.zip" : "evil.tar.gz"
        try shell(["python3", "-c", script, kind, workspace.path("reg/files/\(archive)")])
        let server = try ModuleTestServer(["registry", workspace.path("reg")])
        defer { server.stop() }
        let fetcher = ModuleFetcher(cacheDirectory: workspace.path("cache"))
        #expect {
            _ = try fetcher.moduleDirectory(source: "\(server.origin)/files/\(archive)", version: nil)
        } throws: { error in
            guard case .unsafeArchive? = error as? ModuleFetchError else { return false }
            return (error as? ModuleFetchError)?.description.hasPrefix("Refused archive '\(server.origin)/files/\(archive)': entry") == true
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.path("evil.tf")))
        #expect(!FileManager.default.fileExists(atPath: workspace.path("cache/evil.tf")))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/perimeter-evil.tf"))
        #expect(workspace.files(under: "cache").allSatisfy { !$0.hasPrefix("http/") }, "nothing was cached")
        #expect(workspace.files(under: "cache/.staging").isEmpty)
    }

    @Test func aServerThatNeverAnswersEndsWithinTheTimeout() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let server = try ModuleTestServer(["silent"])
        defer { server.stop() }
        var limits = ModuleFetcher.Limits()
        limits.requestTimeout = 1
        limits.totalTimeout = 3
        limits.retryBackoff = 0.2
        let fetcher = ModuleFetcher(cacheDirectory: workspace.path("cache"), limits: limits)
        for source in ["\(server.origin)/module.tar.gz", "\(server.host)/acme/nodes/aws"] {
            let started = Date()
            #expect {
                _ = try fetcher.moduleDirectory(source: source, version: nil)
            } throws: { error in
                guard case .timedOut? = error as? ModuleFetchError else { return false }
                return true
            }
            let elapsed = Date().timeIntervalSince(started)
            // The whole call, retries included, stays within totalTimeout plus one backstop.
            #expect(elapsed < limits.totalTimeout + 2.5, "\(source) took \(elapsed) s")
            #expect(elapsed >= 1, "a timeout, not a refusal: \(elapsed) s")
        }
    }

    @Test func aDownloadOverTheSizeCapIsRefused() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try FileManager.default.createDirectory(atPath: workspace.path("reg/files"), withIntermediateDirectories: true)
        try Data((0..<200_000).map { _ in UInt8.random(in: 0...255) }).write(
            to: URL(fileURLWithPath: workspace.path("reg/files/big.tar.gz")))
        let server = try ModuleTestServer(["registry", workspace.path("reg")])
        defer { server.stop() }
        var limits = ModuleFetcher.Limits()
        limits.maxDownloadBytes = 100_000
        let fetcher = ModuleFetcher(cacheDirectory: workspace.path("cache"), limits: limits)
        #expect(throws: ModuleFetchError.tooLarge(url: "\(server.origin)/files/big.tar.gz", limit: 100_000)) {
            try fetcher.moduleDirectory(source: "\(server.origin)/files/big.tar.gz", version: nil)
        }
    }
}

extension GitAndArchiveFetchTests {
    /// A plain HTTP URL answers with `X-Terraform-Get`, here a Git source with its own selector; the caller's
    /// `//subdir` applies inside it.
    @Test func plainHTTPURLFollowsItsXTerraformGet() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("repo/modules/eks/main.tf", "# eks\n")
        try workspace.write("repo/modules/eks/nodes/main.tf", "# nodes\n")
        try workspace.gitRepository("repo", tag: "v2.0.0")
        try workspace.write("reg/files/eks.x-terraform-get", "git::file://\(workspace.path("repo"))//modules/eks?ref=v2.0.0")
        let server = try ModuleTestServer(["registry", workspace.path("reg")])
        defer { server.stop() }
        let fetcher = ModuleFetcher(cacheDirectory: workspace.path("cache"))
        #expect(try Self.text(fetcher.moduleDirectory(source: "\(server.origin)/files/eks", version: nil)) == "# eks")
        #expect(try Self.text(fetcher.moduleDirectory(source: "\(server.origin)/files/eks//nodes", version: nil)) == "# nodes")
        #expect(throws: ModuleFetchError.self) {
            try fetcher.moduleDirectory(source: "\(server.origin)/files/none", version: nil)
        }
    }
}
