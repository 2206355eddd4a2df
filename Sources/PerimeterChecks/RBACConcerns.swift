import Foundation
import PerimeterModel
import PerimeterRBAC

/// What one RBAC check finds on one binding, before findings that share a cause are merged.
struct RBACConcern {
    var checkID: String
    var bound: BoundRole
    var subjects: [SubjectRef]
    var rules: [PolicyRule]
    /// `reading secrets`, as the message says it.
    var what: String
    var severity: Severity
    /// Why the severity differs from the catalog's, one line each.
    var severityReasons: [String] = []
    var evidence: [String] = []
}

/// An RBAC check that reports bindings: it says what concerns it has, and `CheckContext.rbacFindings`
/// turns the concerns of every running check into findings, one per cause.
protocol RBACBindingCheck: Check {
    /// The concern on one binding whose role exists, or nil.
    func concern(on bound: BoundRole, in context: CheckContext) -> RBACConcern?
}

extension RBACBindingCheck {
    func concerns(_ context: CheckContext) -> [RBACConcern] {
        context.customBindings.compactMap { concern(on: $0, in: context) }
    }

    /// A concern at the catalog's severity, one level higher when a service account among the subjects
    /// has its token mounted by workloads (with that reason).
    func concern(_ bound: BoundRole, subjects: [SubjectRef], rules: [PolicyRule], what: String, context: CheckContext) -> RBACConcern {
        var result = RBACConcern(
            checkID: description.id, bound: bound, subjects: subjects, rules: RBACRequests.unique(rules), what: what,
            severity: description.severity)
        let mounted = subjects.flatMap { context.workloadsMounting($0) }
        if !mounted.isEmpty {
            let names = mounted.map(\.meta.resourceName).joined(separator: ", ")
            result.evidence.append("mounted by: \(names)")
            if let higher = Severity.allCases.first(where: { $0 > result.severity }) {
                result.severityReasons.append(
                    "severity raised from \(result.severity.rawValue) to \(higher.rawValue): the service account token is mounted by \(names)"
                )
                result.severity = higher
            }
        }
        return result
    }
}

/// Findings that share one rule of one role bound to one subject are one cause: the concern with the highest
/// severity (then the most specific check) reports it and lists the others; a check whose every
/// (subject, rule) is reported by another gives no finding of its own.
enum RBACCauses {
    /// Among equal severities, the more specific concern speaks for the cause.
    static let precedence = [
        "RBAC-002", "RBAC-007", "RBAC-005", "RBAC-003", "RBAC-013", "RBAC-011", "RBAC-008", "RBAC-009",
        "RBAC-012", "RBAC-004", "RBAC-010", "RBAC-006", "RBAC-001"
    ]

    struct Unit: Hashable {
        var binding: Int
        var subject: SubjectRef
        var rule: PolicyRule
    }

    static func findings(_ concerns: [RBACConcern], checks: [String: any Check], context: CheckContext) -> [String: [Finding]] {
        var owners: [Unit: [Int]] = [:]
        for (index, concern) in concerns.enumerated() {
            for subject in concern.subjects {
                for rule in concern.rules {
                    owners[Unit(binding: concern.bound.index, subject: subject, rule: rule), default: []].append(index)
                }
            }
        }
        func outranks(_ a: Int, _ b: Int) -> Bool {
            if concerns[a].severity != concerns[b].severity { return concerns[a].severity > concerns[b].severity }
            let rankA = precedence.firstIndex(of: concerns[a].checkID) ?? precedence.count
            let rankB = precedence.firstIndex(of: concerns[b].checkID) ?? precedence.count
            return rankA != rankB ? rankA < rankB : a < b
        }
        var primary: [Unit: Int] = [:]
        for (unit, indices) in owners {
            primary[unit] = indices.reduce(indices[0]) { outranks($1, $0) ? $1 : $0 }
        }
        var result: [String: [Finding]] = [:]
        for (index, concern) in concerns.enumerated() {
            guard let check = checks[concern.checkID] else { continue }
            var subjects: [SubjectRef] = []
            var rules: [PolicyRule] = []
            var others: [Int] = []
            for subject in concern.subjects {
                for rule in concern.rules {
                    let unit = Unit(binding: concern.bound.index, subject: subject, rule: rule)
                    guard primary[unit] == index else { continue }
                    if !subjects.contains(subject) { subjects.append(subject) }
                    if !rules.contains(rule) { rules.append(rule) }
                    for other in owners[unit] ?? [] where other != index && !others.contains(other) { others.append(other) }
                }
            }
            guard !subjects.isEmpty else { continue }
            result[concern.checkID, default: []].append(
                finding(
                    concern, subjects: subjects, rules: rules,
                    alsoConcerns: others.map { concerns[$0] }, check: check, context: context))
        }
        return result
    }

    static func finding(
        _ concern: RBACConcern, subjects: [SubjectRef], rules: [PolicyRule], alsoConcerns: [RBACConcern],
        check: any Check, context: CheckContext
    ) -> Finding {
        let bound = concern.bound
        let names = subjects.map(\.description).joined(separator: ", ")
        let scope = bound.binding.isClusterRoleBinding ? "cluster-wide" : "in namespace \(bound.binding.meta.namespace)"
        var evidence = rules.map { "\(bound.binding.meta.resourceName) → \(bound.roleLabel) → \($0.summary)" }
        evidence += concern.severityReasons
        evidence += concern.evidence
        let also = alsoConcerns.map { "\($0.checkID) (\($0.what))" }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if !also.isEmpty { evidence.append("same rule and subject, also: " + also.joined(separator: ", ")) }
        evidence += bound.defaultDifferences
        let location =
            subjects.lazy.compactMap { context.location(of: $0, in: bound.binding) }.first ?? bound.binding.meta.provenance.location
        // Terraform's kubernetes provider objects are named by their address, as every Terraform finding is.
        let resource =
            [.terraform, .plan].contains(bound.binding.meta.provenance.origin)
            ? bound.binding.meta.provenance.resource : bound.binding.meta.resourceName
        var result = check.finding(
            resource: resource, location: location,
            message: "'\(bound.binding.meta.resourceName)' grants \(concern.what) \(scope) to \(names) through '\(bound.roleLabel)'",
            evidence: evidence)
        result.severity = concern.severity
        return result
    }
}

/// The merged RBAC findings of one context, computed once for all running RBAC checks.
final class RBACFindingCache: @unchecked Sendable {
    private let lock = NSLock()
    private var findings: [String: [Finding]]?

    func get(_ compute: () -> [String: [Finding]]) -> [String: [Finding]] {
        lock.lock()
        defer { lock.unlock() }
        if let findings { return findings }
        let computed = compute()
        findings = computed
        return computed
    }
}

extension CheckContext {
    /// This check's findings after causes shared with the other running RBAC checks are merged.
    func rbacFindings(for check: any RBACBindingCheck) -> [Finding] {
        let all = rbacFindingCache.get {
            var running = CheckRegistry.all.compactMap { $0 as? any RBACBindingCheck }.filter {
                activeCheckIDs?.contains($0.description.id) ?? true
            }
            if !running.contains(where: { $0.description.id == check.description.id }) { running.append(check) }
            let concerns = running.flatMap { $0.concerns(self) }
            let byID = Dictionary(running.map { ($0.description.id, $0 as any Check) }, uniquingKeysWith: { first, _ in first })
            return RBACCauses.findings(concerns, checks: byID, context: self)
        }
        return all[check.description.id] ?? []
    }
}
