import Testing

@testable import PerimeterModuleFetch

/// Module version constraints as Terraform reads them (hashicorp/go-version), one case per line:
/// constraint, version, whether it is allowed.
@Suite struct VersionConstraintTests {
    static let cases: [(String, String, Bool)] = [
        ("1.2.3", "1.2.3", true),
        ("1.2.3", "1.2.4", false),
        ("= 1.2", "1.2.0", true),
        ("=1.2.0", "1.2.0+build.7", true),
        ("!= 1.2.3", "1.2.3", false),
        ("!= 1.2.3", "1.2.4", true),
        ("> 1.2.3", "1.2.3", false),
        ("> 1.2.3", "1.10.0", true),
        (">= 1.2.3", "1.2.3", true),
        (">= 1.2.3", "1.2.2", false),
        ("< 2.0.0", "1.99.99", true),
        ("< 2.0.0", "2.0.0", false),
        ("<= 2.0.0", "2.0.0", true),
        ("<= 2.0.0", "2.0.1", false),
        ("~> 20.0", "20.0.0", true),
        ("~> 20.0", "20.37.2", true),
        ("~> 20.0", "21.0.0", false),
        ("~> 20.0", "19.21.0", false),
        ("~> 20.1.2", "20.1.2", true),
        ("~> 20.1.2", "20.1.9", true),
        ("~> 20.1.2", "20.2.0", false),
        ("~> 20.1.2", "20.1.1", false),
        ("~>20.1", "20.0.9", false),
        // go-version reads `~> 1` as `>= 1`: nothing written but the last segment, which may grow.
        ("~> 1", "3.4.5", true),
        (">= 1.0, < 2.0", "1.5.0", true),
        (">= 1.0, < 2.0", "2.0.0", false),
        (">= 1.0,< 2.0, != 1.5.0", "1.5.0", false),
        ("v1.2.3", "1.2.3", true),
        // Prereleases: only a constraint on a prerelease of the same release matches one.
        (">= 1.0.0", "1.1.0-beta.1", false),
        (">= 1.1.0-alpha", "1.1.0-beta.1", true),
        (">= 1.1.0-alpha", "1.2.0-beta.1", false),
        ("< 1.1.0-beta.2", "1.1.0-beta.10", false),
        ("< 1.1.0-beta.10", "1.1.0-beta.2", true),
        ("<= 0.0.3-alpha.1", "0.0.2", true),
        ("~> 1.2.0-beta", "1.2.0", false),
        ("1.0.0-rc.1", "1.0.0-rc.1", true),
        ("1.0.0-rc.1", "1.0.0", false)
    ]

    @Test(arguments: Array(cases.indices))
    func constraintAllowsExactlyWhatTerraformAllows(_ index: Int) throws {
        let (constraint, version, expected) = Self.cases[index]
        let parsed = try VersionConstraints(parsing: constraint)
        let candidate = try #require(ModuleVersion(version))
        #expect(parsed.allows(candidate) == expected, "'\(constraint)' on \(version)")
    }

    @Test func caseCountMeetsTheBrief() { #expect(Self.cases.count >= 25) }

    @Test func newestPicksTheHighestAllowedReleaseAndSkipsPrereleasesUnlessNamedExactly() throws {
        let listed = ["19.21.0", "20.0.0", "20.8.5", "20.10.0", "21.0.0-beta.1", "21.0.0", "0.0.3-alpha.1", "0.0.2"]
            .compactMap(ModuleVersion.init)
        func pick(_ text: String) throws -> String? { try VersionConstraints(parsing: text).newest(of: listed)?.description }
        #expect(try pick("~> 20.0") == "20.10.0")
        #expect(try pick("~> 20.8.0") == "20.8.5")
        #expect(try pick(">= 20.0") == "21.0.0")
        #expect(try pick("< 21.0.0") == "20.10.0")
        #expect(try pick("21.0.0-beta.1") == "21.0.0-beta.1")
        #expect(try pick("v0.0.3-alpha.1") == "0.0.3-alpha.1")
        #expect(try pick("<= 0.0.3-alpha.1") == "0.0.2")
        // ANDed: the exact prerelease does not satisfy `>= 0.0.2`, so nothing fits (Terraform errors too).
        #expect(try pick("0.0.3-alpha.1, >= 0.0.2") == nil)
        #expect(try pick("~> 22.0") == nil)
    }

    @Test func versionsOrderAsSemverDoes() throws {
        let ordered = [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0"
        ]
        let versions = try ordered.map { try #require(ModuleVersion($0)) }
        #expect(versions == versions.sorted())
        #expect(try #require(ModuleVersion("1.2")) == #require(ModuleVersion("1.2.0")))
    }

    @Test(arguments: ["", ">", "~> ", "1.2.x", "latest", ">= 1.0,", "=> 1.0", "1..2"])
    func malformedConstraintsAreErrorsNamingThePart(_ text: String) {
        #expect(throws: ModuleFetchError.self) { try VersionConstraints(parsing: text) }
    }
}
