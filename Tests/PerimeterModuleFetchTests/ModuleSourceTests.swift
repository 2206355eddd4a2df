import Testing

@testable import PerimeterModuleFetch

/// Source addresses read as `terraform init` reads them.
@Suite struct ModuleSourceTests {
    private func registry(_ host: String, _ ns: String, _ name: String, _ provider: String) -> RegistryAddress {
        RegistryAddress(host: host, namespace: ns, name: name, provider: provider)
    }

    @Test func registryAddressesWithAndWithoutHost() throws {
        #expect(
            try ModuleSource.parse("terraform-aws-modules/eks/aws")
                == .registry(registry("registry.terraform.io", "terraform-aws-modules", "eks", "aws"), subdirectory: nil))
        #expect(
            try ModuleSource.parse("app.terraform.io/example-corp/k8s-cluster/azurerm")
                == .registry(registry("app.terraform.io", "example-corp", "k8s-cluster", "azurerm"), subdirectory: nil))
        #expect(
            try ModuleSource.parse("terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts-eks")
                == .registry(
                    registry("registry.terraform.io", "terraform-aws-modules", "iam", "aws"),
                    subdirectory: "modules/iam-role-for-service-accounts-eks"))
        #expect(
            try ModuleSource.parse("127.0.0.1:8443/acme/nodes/aws")
                == .registry(registry("127.0.0.1:8443", "acme", "nodes", "aws"), subdirectory: nil))
    }

    @Test func codeHostShorthandsAreGitNotRegistries() throws {
        #expect(
            try ModuleSource.parse("github.com/terraform-aws-modules/terraform-aws-eks")
                == .git(url: "https://github.com/terraform-aws-modules/terraform-aws-eks.git", ref: nil, subdirectory: nil))
        // Four parts would be a registry address anywhere else; on github.com the rest selects a directory.
        #expect(
            try ModuleSource.parse("github.com/hashicorp/example/modules?ref=v1.2.0")
                == .git(url: "https://github.com/hashicorp/example.git", ref: "v1.2.0", subdirectory: "modules"))
        #expect(
            try ModuleSource.parse("bitbucket.org/hashicorp/terraform-consul-aws//modules/a")
                == .git(url: "https://bitbucket.org/hashicorp/terraform-consul-aws.git", ref: nil, subdirectory: "modules/a"))
        #expect(
            try ModuleSource.parse("git@github.com:hashicorp/example.git?ref=main")
                == .git(url: "ssh://git@github.com/hashicorp/example.git", ref: "main", subdirectory: nil))
    }

    @Test func forcedGitWithRefAndSubdirectory() throws {
        #expect(
            try ModuleSource.parse("git::https://example.com/network.git//modules/vpc?ref=v1.2.0&depth=1")
                == .git(url: "https://example.com/network.git", ref: "v1.2.0", subdirectory: "modules/vpc"))
        #expect(
            try ModuleSource.parse("git::file:///srv/repos/eks//modules/nodes?ref=51d462976d84fdea54b47d80dcabbf680badcdb8")
                == .git(url: "file:///srv/repos/eks", ref: "51d462976d84fdea54b47d80dcabbf680badcdb8", subdirectory: "modules/nodes"))
        #expect(throws: ModuleFetchError.self) { try ModuleSource.parse("git::https://example.com/x.git?ref=--upload-pack=evil") }
        #expect(throws: ModuleFetchError.self) { try ModuleSource.parse("git::/srv/repos/eks") }
    }

    @Test func httpArchivesByExtensionOrArchiveParameter() throws {
        #expect(
            try ModuleSource.parse("https://example.com/vpc-module.zip")
                == .archive(url: "https://example.com/vpc-module.zip", kind: .zip, subdirectory: nil))
        #expect(
            try ModuleSource.parse("https://example.com/vpc.tgz//modules/a")
                == .archive(url: "https://example.com/vpc.tgz", kind: .tgz, subdirectory: "modules/a"))
        #expect(
            try ModuleSource.parse("https://example.com/vpc-module.tar.gz")
                == .archive(url: "https://example.com/vpc-module.tar.gz", kind: .tarGz, subdirectory: nil))
        #expect(
            try ModuleSource.parse("https://example.com/vpc-module?archive=tar.gz&token=1")
                == .archive(url: "https://example.com/vpc-module?token=1", kind: .tarGz, subdirectory: nil))
        #expect(
            try ModuleSource.parse("https://example.com/module")
                == .http(url: "https://example.com/module", subdirectory: nil))
    }

    @Test func unsupportedGettersAreNamed() {
        for source in [
            "hg::http://example.com/vpc.hg", "s3::https://s3-eu-west-1.amazonaws.com/bucket/vpc.zip",
            "gcs::https://www.googleapis.com/storage/v1/modules/foomodule.zip", "not a source", "./local"
        ] {
            #expect(throws: ModuleFetchError.self, "\(source)") { try ModuleSource.parse(source) }
        }
        let error = try? ModuleSource.parse("hg::http://example.com/vpc.hg")
        #expect(error == nil)
        do {
            _ = try ModuleSource.parse("hg::http://example.com/vpc.hg")
        } catch {
            #expect(error.description.contains("'hg::'"))
        }
    }
}
