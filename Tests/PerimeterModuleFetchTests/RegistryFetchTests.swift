import Foundation
import Testing

@testable import PerimeterModuleFetch

/// The module registry protocol against a loopback registry whose module tarballs the test builds.
@Suite struct RegistryFetchTests {
    /// `reg/acme/nodes/aws/<version>.tar.gz` for each version; every package says its version in `main.tf`
    /// and holds `modules/inner`.
    static func registry(_ workspace: TestWorkspace, versions: [String]) throws -> ModuleTestServer {
        for version in versions {
            try workspace.write("src-\(version)/main.tf", "# version \(version)\n")
            try workspace.write("src-\(version)/modules/inner/main.tf", "# inner \(version)\n")
            try workspace.tarball(of: "src-\(version)", to: "reg/acme/nodes/aws/\(version).tar.gz")
        }
        return try ModuleTestServer(["registry", workspace.path("reg")])
    }

    static func versionIn(_ directory: String) throws -> String {
        try String(contentsOfFile: directory + "/main.tf", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func discoversListsPicksTheConstrainedVersionAndReadsItFromTheCacheOnceTheServerIsGone() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let server = try Self.registry(workspace, versions: ["1.0.0", "1.2.0", "1.3.0-beta.1", "2.0.0"])
        let cache = workspace.path("cache")
        let fetcher = ModuleFetcher(cacheDirectory: cache)
        let source = "\(server.host)/acme/nodes/aws"

        let pessimistic = try fetcher.moduleDirectory(source: source, version: "~> 1.0")
        #expect(try Self.versionIn(pessimistic) == "# version 1.2.0")
        #expect(pessimistic.hasPrefix(cache + "/registry/"))
        let inner = try fetcher.moduleDirectory(source: source + "//modules/inner", version: ">= 2.0, < 3.0")
        #expect(try Self.versionIn(inner) == "# inner 2.0.0")
        #expect(inner.hasSuffix("/2.0.0/package/modules/inner"))
        // Asked again by the same scan: no further request.
        _ = try fetcher.moduleDirectory(source: source, version: "~> 1.0")
        #expect(try server.counts() == ["discovery": 2, "versions": 2, "download": 2, "archives": 2])
        // Only the cache was written: two entries, no staging left behind.
        #expect(workspace.files(under: "cache/.staging").isEmpty)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: cache + "/registry/\(ModuleCache.safeName(server.host))/acme/nodes/aws")
                .sorted()
                == ["1.2.0", "2.0.0"])

        server.stop()
        let offline = ModuleFetcher(cacheDirectory: cache)
        #expect(try offline.moduleDirectory(source: source, version: "~> 1.0") == pessimistic)
        #expect(try offline.moduleDirectory(source: source + "//modules/inner", version: "2.0.0") == inner)
        // A constraint no cached version meets needs the registry, which is gone: a clear error, not a hang.
        #expect {
            _ = try offline.moduleDirectory(source: source, version: "1.0.0")
        } throws: { error in
            (error as? ModuleFetchError)?.description.contains("Cannot reach 'http://\(server.host)/.well-known/terraform.json'") == true
        }
    }

    @Test func noMatchingVersionNamesWhatTheRegistryHas() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let server = try Self.registry(workspace, versions: ["1.0.0", "2.0.0"])
        defer { server.stop() }
        let fetcher = ModuleFetcher(cacheDirectory: workspace.path("cache"))
        #expect(
            throws: ModuleFetchError.noMatchingVersion(
                module: "\(server.host)/acme/nodes/aws", constraint: "~> 3.0",
                available: ["1.0.0", "2.0.0"])
        ) {
            try fetcher.moduleDirectory(source: "\(server.host)/acme/nodes/aws", version: "~> 3.0")
        }
        #expect(throws: ModuleFetchError.http(url: "\(server.origin)/v1/modules/acme/absent/aws/versions", status: 404)) {
            try fetcher.moduleDirectory(source: "\(server.host)/acme/absent/aws", version: nil)
        }
    }

    @Test func aDownloadLocationMayBeAGitSourceWithItsOwnSubdirectory() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("repo/modules/eks/main.tf", "# eks from git\n")
        try workspace.write("repo/modules/eks/nested/main.tf", "# nested\n")
        try workspace.gitRepository("repo", tag: "v5.1.0")
        try workspace.write("reg/acme/eks/aws/5.1.0.location", "git::file://\(workspace.path("repo"))//modules/eks?ref=v5.1.0")
        let server = try ModuleTestServer(["registry", workspace.path("reg")])
        defer { server.stop() }
        let fetcher = ModuleFetcher(cacheDirectory: workspace.path("cache"))
        let directory = try fetcher.moduleDirectory(source: "\(server.host)/acme/eks/aws", version: "5.1.0")
        #expect(try Self.versionIn(directory) == "# eks from git")
        // The caller's selector applies inside the location's: modules/eks/nested.
        let nested = try fetcher.moduleDirectory(source: "\(server.host)/acme/eks/aws//nested", version: "5.1.0")
        #expect(try Self.versionIn(nested) == "# nested")
    }
}

extension RegistryFetchTests {
    /// `X-Terraform-Get` relative to the download URL (`../`) and absolute (`http://…`) both lead to the archive.
    @Test func relativeAndAbsoluteDownloadLocations() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("pkg/main.tf", "# served from files\n")
        try workspace.tarball(of: "pkg", to: "reg/files/pkg.tgz")
        try workspace.write("reg/acme/rel/aws/1.0.0.location", "../../../../../../files/pkg.tgz")
        try workspace.write("reg/acme/abs/aws/1.0.0.location", "{origin}/files/pkg.tgz")
        let server = try ModuleTestServer(["registry", workspace.path("reg")])
        defer { server.stop() }
        let fetcher = ModuleFetcher(cacheDirectory: workspace.path("cache"))
        for name in ["rel", "abs"] {
            let directory = try fetcher.moduleDirectory(source: "\(server.host)/acme/\(name)/aws", version: nil)
            #expect(try Self.versionIn(directory) == "# served from files", "\(name)")
        }
        #expect(try server.counts()["files"] == 2)
    }

    /// A 503 is retried with backoff, a bounded number of times.
    @Test func transientFailuresAreRetriedAFewTimesOnly() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        try workspace.write("pkg/main.tf", "# after two 503s\n")
        try workspace.tarball(of: "pkg", to: "reg/files/flaky.tgz")
        try FileManager.default.copyItem(atPath: workspace.path("reg/files/flaky.tgz"), toPath: workspace.path("reg/files/down.tgz"))
        try workspace.write("reg/files/flaky.tgz.fail", "2")
        try workspace.write("reg/files/down.tgz.fail", "100")
        let server = try ModuleTestServer(["registry", workspace.path("reg")])
        defer { server.stop() }
        var limits = ModuleFetcher.Limits()
        limits.retryBackoff = 0.1
        let fetcher = ModuleFetcher(cacheDirectory: workspace.path("cache"), limits: limits)
        let started = Date()
        #expect(try Self.versionIn(fetcher.moduleDirectory(source: "\(server.origin)/files/flaky.tgz", version: nil)) == "# after two 503s")
        // Backoff: 0.1 s, then 0.2 s.
        #expect(Date().timeIntervalSince(started) >= 0.3)
        #expect(try server.counts()["files"] == 3)
        #expect(throws: ModuleFetchError.http(url: "\(server.origin)/files/down.tgz", status: 503)) {
            try fetcher.moduleDirectory(source: "\(server.origin)/files/down.tgz", version: nil)
        }
        #expect(try server.counts()["files"] == 6, "three attempts, no more")
    }
}
