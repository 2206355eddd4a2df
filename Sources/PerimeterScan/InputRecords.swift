import PerimeterModel
import PerimeterTerraform

/// What each input gave besides its snapshot: module call chains, module calls not read, and how much
/// was read. `scan` uses it to give findings their caller's line and to say what it could not see.
final class InputRecords {
    private struct Record {
        var kind: String
        var resources = 0
        var instances = 0
        /// Module instance paths (`module.eks`) longest first, so the innermost module matches first.
        var callSites: [(path: String, chain: [ModuleCallSite])] = []
        var modulesNotRead: [Undecided] = []
    }

    private var records: [String: Record] = [:]
    private var order: [String] = []

    /// An evaluated root module.
    func record(_ evaluation: TerraformEvaluation, input: String) {
        var record = Record(kind: "terraform")
        count(evaluation.resources, into: &record)
        record.callSites = evaluation.callSites.map { ($0.key, $0.value) }.sorted { $0.path.count > $1.path.count }
        record.modulesNotRead = evaluation.modulesNotRead.map { entry in
            var entry = entry
            entry.input = input
            return entry
        }
        store(record, input: input)
    }

    /// Resources read from a plan.
    func record(plan resources: [ResourceInstance], input: String) {
        var record = Record(kind: "plan")
        count(resources, into: &record)
        store(record, input: input)
    }

    /// Any other input: only its kind is known here.
    func record(kind: String, input: String) {
        if records[input] == nil { store(Record(kind: kind), input: input) }
    }

    /// The module calls an address sits in, outermost first; nil at the root or outside Terraform.
    func callChain(of resource: String, input: String?) -> [ModuleCallSite]? {
        guard let input, let record = records[input], resource.hasPrefix("module.") else { return nil }
        return record.callSites.first { resource.hasPrefix($0.path + ".") }?.chain
    }

    /// Every module call not read, input by input.
    var modulesNotRead: [Undecided] { order.flatMap { records[$0]?.modulesNotRead ?? [] } }

    /// Coverage of every input, with the undecided checks that fell on each.
    func coverage(undecided: [Undecided]) -> [InputCoverage] {
        order.compactMap { input in
            guard let record = records[input] else { return nil }
            let checks = undecided.filter { $0.kind == .check && $0.input == input }
            let blockers = Set(checks.map { [$0.resource, $0.reason] })
            return InputCoverage(
                input: input, kind: record.kind, resources: record.resources, instances: record.instances,
                moduleCallsRead: record.callSites.count, moduleCallsNotRead: record.modulesNotRead.count,
                unknownValuesThatMattered: blockers.count, undecidedChecks: checks.count)
        }
    }

    private func count(_ resources: [ResourceInstance], into record: inout Record) {
        record.instances = resources.count
        record.resources = Set(resources.map { "\($0.module) \($0.mode) \($0.type).\($0.name)" }).count
    }

    private func store(_ record: Record, input: String) {
        if records[input] == nil { order.append(input) }
        records[input] = record
    }
}

extension ScanInput {
    /// The kind coverage and the summary name: `terraform` (a root module), `plan`, `snapshot`...
    var coverageKind: String {
        switch self {
        case .terraform, .terraformFile: "terraform"
        case .plan: "plan"
        case .snapshot: "snapshot"
        case .gcloud: "gcloud"
        case .nodeFile: "node-file"
        case .kubernetes: "kubernetes"
        }
    }
}
