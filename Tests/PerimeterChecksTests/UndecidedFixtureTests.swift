import Foundation
import PerimeterChecks
import PerimeterModel
import PerimeterScan
import Testing

/// Three verdicts, never two: on its `unknown*` fixture, every check that reports undecided verdicts
/// says so (at least one entry of its own id) instead of staying silent.
@Suite struct UndecidedFixtureTests {
    static let adopters = Set(CheckRegistry.all.filter { $0 is any ReportsUndecided }.map(\.description.id))

    @Test(arguments: CheckFixtureTests.cases.filter { $0.isUnknown && UndecidedFixtureTests.adopters.contains($0.checkID) })
    func unknownFixtureIsUndecidedNotSilent(_ fixture: FixtureCase) throws {
        let check = try #require(CheckRegistry.check(id: fixture.checkID))
        let result = Scanner.scan(ScanOptions(paths: [fixture.path], checks: [check]))
        #expect(result.findings.isEmpty)
        let mine = result.undecided.filter { $0.ruleId == fixture.checkID }
        #expect(!mine.isEmpty, "\(fixture.name): no undecided entry for \(fixture.checkID)")
        for entry in mine {
            #expect(entry.kind == .check)
            #expect(!entry.reason.isEmpty)
            #expect(entry.reason.contains("unknown") || entry.reason.contains("not in the inputs"), "\(entry.reason)")
        }
    }

    /// Fixtures that must trigger or must not trigger hold no unknowns for the check: nothing undecided.
    @Test(
        arguments: CheckFixtureTests.cases.filter {
            !$0.isUnknown && $0.expected.isEmpty && $0.kind == .terraform && UndecidedFixtureTests.adopters.contains($0.checkID)
        })
    func knownPassingFixtureHasNothingUndecided(_ fixture: FixtureCase) throws {
        let check = try #require(CheckRegistry.check(id: fixture.checkID))
        let result = Scanner.scan(ScanOptions(paths: [fixture.path], checks: [check]))
        #expect(result.undecided.filter { $0.kind == .check }.isEmpty, "\(fixture.name): \(result.undecided.map(\.description))")
    }

    @Test func networkChecksAndNodeOneHaveAdopted() {
        let network = CheckRegistry.all.map(\.description.id).filter { $0.hasPrefix("NET-") } + ["NODE-001"]
        #expect(Set(network).isSubset(of: Self.adopters), "\(Set(network).subtracting(Self.adopters).sorted())")
    }
}
