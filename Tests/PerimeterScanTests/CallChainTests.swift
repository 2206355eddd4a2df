import Foundation
import PerimeterChecks
import PerimeterModel
import PerimeterReport
import PerimeterScan
import Testing

/// A finding inside a module call carries the caller's line, and an ignore above the caller's `module`
/// block silences what comes through that call only.
@Suite struct CallChainTests {
    static let root = Paths.inputs.deletingLastPathComponent().appendingPathComponent("undecided/callchain").path
    static var caller: String { root + "/main.tf" }
    static var module: String { root + "/modules/node-sg/main.tf" }

    static func scan() throws -> ScanResult {
        Scanner.scan(ScanOptions(paths: [root], checks: [try #require(CheckRegistry.check(id: "NET-001"))]))
    }

    @Test func findingInsideAModuleCarriesItsCallChain() throws {
        let result = try Self.scan()
        let finding = try #require(result.findings.first)
        #expect(result.findings.map(\.resource) == ["module.b.aws_security_group_rule.kubelet"])
        #expect(finding.location?.file == Self.module)
        #expect(finding.location?.line == 9)
        #expect(
            finding.callChain == [
                ModuleCallSite(
                    address: "module.b", name: "b",
                    location: SourceLocation(file: Self.caller, line: 14, column: 1), endLine: 19)
            ])
    }

    @Test func ignoreAboveTheModuleBlockSilencesOnlyThatCaller() throws {
        let result = try Self.scan()
        // module "a" has `# perimeter:ignore NET-001` above its block; module "b" only a NET-002 ignore above an argument.
        #expect(result.suppressed.map(\.resource) == ["module.a.aws_security_group_rule.kubelet"])
        #expect(result.suppressed.first?.callChain?.first?.name == "a")
    }

    @Test func ignoreAboveTheArgumentThatPassedTheValueSilencesThatCall() throws {
        let source = try String(contentsOfFile: Self.caller, encoding: .utf8)
            .replacingOccurrences(of: "# perimeter:ignore NET-002 the office range", with: "# perimeter:ignore NET-001 the office range")
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-chain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy.appendingPathComponent("modules/node-sg"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: copy) }
        try source.write(to: copy.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Self.module, toPath: copy.appendingPathComponent("modules/node-sg/main.tf").path)
        let result = Scanner.scan(ScanOptions(paths: [copy.path], checks: [try #require(CheckRegistry.check(id: "NET-001"))]))
        #expect(result.findings.isEmpty)
        #expect(
            Set(result.suppressed.map(\.resource)) == [
                "module.a.aws_security_group_rule.kubelet", "module.b.aws_security_group_rule.kubelet"
            ])
    }

    static func report(_ result: ScanResult) -> ScanReport {
        ScanReport(
            findings: result.findings, diagnostics: result.diagnostics, checks: CheckRegistry.all.map(\.description),
            inputs: [root], toolVersion: "test", suppressed: result.suppressed.count
        )
        .with(undecided: result.undecided, coverage: result.coverage)
    }

    @Test func tableShowsTheCallerLineThenTheModuleLine() throws {
        let text = TableReporter(color: false).render(Self.report(try Self.scan()))
        #expect(text.contains("location: module \"b\" at \(Self.caller):14 → \(Self.module):9"))
        #expect(text.contains("1 suppressed"))
        #expect(text.contains("1 root module scanned"))
    }

    @Test func jsonHasTheCallChain() throws {
        let text = JSONReporter().render(Self.report(try Self.scan()))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let finding = try #require((json["findings"] as? [[String: Any]])?.first)
        let chain = try #require(finding["callChain"] as? [[String: Any]])
        #expect(chain.count == 1)
        #expect(chain[0]["module"] as? String == "b")
        #expect(chain[0]["address"] as? String == "module.b")
        #expect(chain[0]["file"] as? String == Self.caller)
        #expect(chain[0]["line"] as? Int == 14)
    }

    @Test func sarifHasTheCallerAsARelatedLocation() throws {
        let text = SARIFReporter().render(Self.report(try Self.scan()))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        let related = try #require(result["relatedLocations"] as? [[String: Any]])
        #expect(related.count == 1)
        let physical = try #require(related[0]["physicalLocation"] as? [String: Any])
        let artifact = try #require(physical["artifactLocation"] as? [String: Any])
        #expect((artifact["uri"] as? String)?.hasSuffix("undecided/callchain/main.tf") == true)
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 14)
        let primary = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((primary["artifactLocation"] as? [String: Any])?["uri"].map { "\($0)" }?.hasSuffix("modules/node-sg/main.tf") == true)
    }
}
