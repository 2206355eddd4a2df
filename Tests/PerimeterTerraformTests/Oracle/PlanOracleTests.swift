import Foundation
import PerimeterTerraform
import Testing

/// Terraform itself as the oracle for the evaluator: every case in `OracleCorpus` is planned by
/// `terraform` (recorded in `Fixtures/oracle/expected.json`, keyed by case name and content hash)
/// and evaluated by perimeter; instance addresses, values and unknowns must agree, except where a
/// case says why perimeter knows more.
///
/// Refresh the record after changing cases: `PERIMETER_ORACLE_RECORD=1 swift test --filter PlanOracleTests`.
@Suite(.serialized) struct PlanOracleTests {
    static let recordURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/oracle/expected.json")

    static func readRecord() throws -> [String: (hash: String, observation: PlanObservation)] {
        let data = try Data(contentsOf: recordURL)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        return object.compactMapValues { entry in
            guard let hash = entry["hash"] as? String, let result = entry["result"] as? [String: Any] else { return nil }
            return (hash, PlanObservation(record: result))
        }
    }

    static func perimeter(_ oracleCase: OracleCase) throws -> PlanObservation {
        let directory = try TerraformPlanRunner.materialize(oracleCase.files)
        defer { try? FileManager.default.removeItem(at: directory) }
        return PlanObservation(perimeter: TerraformEvaluator.evaluate(directory: directory.path))
    }

    /// One line per case that breaks the rules; empty when perimeter agrees with Terraform.
    static func disagreements(_ terraform: [String: PlanObservation]) throws -> (problems: [String], knowsMore: Int) {
        var problems: [String] = []
        var knowsMore = 0
        for oracleCase in OracleCorpus.cases {
            guard let expected = terraform[oracleCase.name] else {
                problems.append("\(oracleCase.name): no Terraform result recorded")
                continue
            }
            switch try perimeter(oracleCase).compared(toTerraform: expected) {
            case .same:
                if oracleCase.knowsMore != nil { problems.append("\(oracleCase.name): marked as knowing more, but agrees exactly") }
            case .knowsMore:
                knowsMore += 1
                if oracleCase.knowsMore == nil {
                    problems.append("\(oracleCase.name): perimeter knows more than Terraform; say why in the case")
                }
            case .differs(let detail):
                problems.append("\(oracleCase.name): \(detail)")
            }
        }
        return (problems, knowsMore)
    }

    @Test func corpusIsLargeAndNamesAreUnique() {
        #expect(OracleCorpus.cases.count >= 150)
        #expect(Set(OracleCorpus.cases.map(\.name)).count == OracleCorpus.cases.count)
    }

    /// Works without `terraform`: the committed record stands in for it.
    @Test func perimeterAgreesWithRecordedTerraform() throws {
        let record = try Self.readRecord()
        var stale: [String] = []
        var terraform: [String: PlanObservation] = [:]
        for oracleCase in OracleCorpus.cases {
            guard let entry = record[oracleCase.name] else { continue }
            if entry.hash != oracleCase.contentHash { stale.append(oracleCase.name) }
            terraform[oracleCase.name] = entry.observation
        }
        #expect(stale.isEmpty, "cases changed since Terraform's results were recorded: \(stale)")
        let (problems, _) = try Self.disagreements(terraform)
        #expect(problems.isEmpty, "\(problems.count) disagreements:\n\(problems.joined(separator: "\n"))")
    }

    @Test(
        .enabled(
            if: TerraformPlanRunner.terraform != nil,
            "terraform is not on PATH: the live plan oracle is skipped; the recorded results still run"))
    func recordMatchesLiveTerraform() throws {
        let started = Date()
        let results = TerraformPlanRunner.plan(OracleCorpus.cases)
        var live: [String: PlanObservation] = [:]
        var failures: [String] = []
        for (oracleCase, result) in zip(OracleCorpus.cases, results) {
            switch result {
            case .success(let observation): live[oracleCase.name] = observation
            case .failure(let error): failures.append("\(oracleCase.name): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        print(
            "plan oracle: \(OracleCorpus.cases.count) cases planned by terraform in \(String(format: "%.1f", Date().timeIntervalSince(started))) s"
        )
        if ProcessInfo.processInfo.environment["PERIMETER_ORACLE_RECORD"] == "1" {
            try Self.write(live)
        } else {
            let record = try Self.readRecord()
            let outdated = OracleCorpus.cases.filter { oracleCase in
                guard let entry = record[oracleCase.name], let now = live[oracleCase.name] else { return true }
                return entry.hash != oracleCase.contentHash || entry.observation != now
            }.map(\.name)
            #expect(outdated.isEmpty, "the record differs from terraform for \(outdated); re-record with PERIMETER_ORACLE_RECORD=1")
        }
        let (problems, knowsMore) = try Self.disagreements(live)
        print("plan oracle: perimeter knows more than terraform in \(knowsMore) cases")
        #expect(problems.isEmpty, "\(problems.count) disagreements:\n\(problems.joined(separator: "\n"))")
    }

    static func write(_ observations: [String: PlanObservation]) throws {
        var object: [String: Any] = [:]
        for oracleCase in OracleCorpus.cases {
            guard let observation = observations[oracleCase.name] else { continue }
            object[oracleCase.name] = ["hash": oracleCase.contentHash, "result": observation.record]
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try FileManager.default.createDirectory(at: recordURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: recordURL)
    }
}
