import ArgumentParser
import Foundation
import PerimeterModuleFetch
import PerimeterTerraform

/// `scan --download-modules`: the user's opt-in to network access for module sources.
struct ModuleDownloadOptions: ParsableArguments {
    @Flag(help: "Download registry, Git and HTTP module sources that 'terraform init' did not install (uses the network).")
    var downloadModules = false

    @Option(
        help: ArgumentHelp(
            "Where downloaded modules are kept (default: $XDG_CACHE_HOME/perimeter/modules, else ~/.cache/perimeter/modules).",
            valueName: "dir"))
    var moduleCache: String?

    func validate() throws {
        if moduleCache != nil && !downloadModules { throw ValidationError("--module-cache is used only with --download-modules") }
    }

    /// The resolver for the scan, or nil to stay offline.
    var resolver: (any ModuleSourceResolver)? {
        downloadModules ? FetchingModuleSources(fetcher: ModuleFetcher(cacheDirectory: moduleCache)) : nil
    }
}

/// Joins the offline Terraform target's protocol to the fetcher; the fetcher itself knows nothing of Terraform.
struct FetchingModuleSources: ModuleSourceResolver {
    let fetcher: ModuleFetcher

    func moduleDirectory(source: String, version: String?) throws -> String {
        try fetcher.moduleDirectory(source: source, version: version)
    }

    func packageRoot(containing directory: String) -> String? {
        fetcher.packageRoot(containing: directory)
    }
}
