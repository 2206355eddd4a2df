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
        // Which objects are undecided, and the value that blocked each, as the fixture's `.undecided` file says.
        let expected = try #require(fixture.expectedUndecided, "\(fixture.name): no .undecided file beside it")
        #expect(
            Set(mine.map(\.resource)) == Set(expected.map(\.resource)),
            "\(fixture.name): undecided on \(mine.map(\.resource).sorted()), expected \(expected.map(\.resource).sorted())")
        for (resource, reason) in expected {
            #expect(
                mine.contains { $0.resource == resource && $0.reason.contains(reason) },
                "\(fixture.name): no entry on \(resource) with '\(reason)': \(mine.map(\.description))")
        }
    }

    /// Every check reports what it could not decide.
    @Test(arguments: CheckRegistry.all.map(\.description.id))
    func everyCheckReportsUndecided(id: String) {
        #expect(Self.adopters.contains(id), "\(id) does not adopt ReportsUndecided")
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

}
