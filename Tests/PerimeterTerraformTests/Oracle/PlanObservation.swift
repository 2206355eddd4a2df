import Foundation
import PerimeterModel
import PerimeterTerraform

/// What one oracle case evaluates to: every `terraform_data` instance's `input` by address and
/// every root output, or the fact that the configuration is rejected.
struct PlanObservation: Equatable {
    var rejected: Bool
    var resources: [String: OracleValue]
    var outputs: [String: OracleValue]

    static let rejection = PlanObservation(rejected: true, resources: [:], outputs: [:])

    /// From `terraform show -json` of a saved plan.
    init(terraformShow data: Data) throws {
        guard let plan = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw OracleError("terraform show printed no JSON object")
        }
        rejected = false
        resources = [:]
        for change in plan["resource_changes"] as? [[String: Any]] ?? [] where change["type"] as? String == "terraform_data" {
            guard let address = change["address"] as? String, let body = change["change"] as? [String: Any] else { continue }
            let after = body["after"] as? [String: Any]
            let unknown = body["after_unknown"] as? [String: Any]
            resources[address] = OracleValue(json: after?["input"], unknown: unknown?["input"])
        }
        outputs = [:]
        for (name, change) in plan["output_changes"] as? [String: [String: Any]] ?? [:] {
            outputs[name] = OracleValue(json: change["after"], unknown: change["after_unknown"])
        }
    }

    /// From perimeter's evaluation of the same directory; nil `rejected` decides on error diagnostics.
    init(perimeter evaluation: TerraformEvaluation) {
        rejected = evaluation.diagnostics.contains { $0.severity == .error }
        resources = [:]
        for instance in evaluation.resources where instance.type == "terraform_data" && instance.mode == .managed {
            resources[instance.address] = OracleValue(instance.values["input"] ?? .null)
        }
        outputs = evaluation.outputs.mapValues(OracleValue.init)
    }

    init(rejected: Bool, resources: [String: OracleValue], outputs: [String: OracleValue]) {
        self.rejected = rejected
        self.resources = resources
        self.outputs = outputs
    }

    // MARK: the committed record

    var record: [String: Any] {
        if rejected { return ["rejected": true] }
        return ["resources": resources.mapValues(\.json), "outputs": outputs.mapValues(\.json)]
    }

    init(record: [String: Any]) {
        rejected = (record["rejected"] as? Bool) ?? false
        resources = (record["resources"] as? [String: Any] ?? [:]).mapValues(OracleValue.fromRecord)
        outputs = (record["outputs"] as? [String: Any] ?? [:]).mapValues(OracleValue.fromRecord)
    }

    /// Perimeter's observation against Terraform's: the same addresses, and each value the same or
    /// (where the case allows it) better known; a rejected configuration must be rejected too.
    func compared(toTerraform terraform: PlanObservation) -> OracleValue.Relation {
        if terraform.rejected {
            if rejected { return .same }
            // An unknown count / for_each: Terraform refuses to plan, perimeter reads a stand-in `[*]`.
            if resources.keys.contains(where: { $0.hasSuffix("[*]") }) { return .knowsMore }
            return .differs("terraform rejects this configuration; perimeter accepts it")
        }
        if rejected { return .differs("perimeter reports an error; terraform plans it") }
        if Set(resources.keys) != Set(terraform.resources.keys) {
            return .differs("instances \(resources.keys.sorted()), terraform \(terraform.resources.keys.sorted())")
        }
        if Set(outputs.keys) != Set(terraform.outputs.keys) {
            return .differs("outputs \(outputs.keys.sorted()), terraform \(terraform.outputs.keys.sorted())")
        }
        let values =
            terraform.resources.keys.sorted().map { resources[$0]!.compared(toTerraform: terraform.resources[$0]!, at: $0) }
            + terraform.outputs.keys.sorted().map { outputs[$0]!.compared(toTerraform: terraform.outputs[$0]!, at: "output.\($0)") }
        return OracleValue.combine(values)
    }
}

struct OracleError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
