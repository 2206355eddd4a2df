import Foundation
import PerimeterModel

/// The `rbac` commands' output: JSON documents and readable tables.
public enum RBACOutput {
    struct RuleJSON: Encodable {
        var verbs: [String]
        var apiGroups: [String]?
        var resources: [String]?
        var resourceNames: [String]?
        var nonResourceURLs: [String]?

        init(_ rule: PolicyRule) {
            verbs = rule.verbs
            apiGroups = rule.nonResourceURLs.isEmpty || !rule.resources.isEmpty ? rule.apiGroups : nil
            resources = rule.nonResourceURLs.isEmpty || !rule.resources.isEmpty ? rule.resources : nil
            resourceNames = rule.resourceNames.isEmpty ? nil : rule.resourceNames
            nonResourceURLs = rule.nonResourceURLs.isEmpty ? nil : rule.nonResourceURLs
        }
    }

    struct LocationJSON: Encodable {
        var file: String
        var line: Int
    }

    struct GrantJSON: Encodable {
        var kind: String
        var via: String
        var role: String
        var rule: RuleJSON?
        var scope: String
        var throughGroup: String?
        var location: LocationJSON?

        init(_ grant: RBACGrant) {
            kind = grant.kind.rawValue
            via = grant.via
            role = grant.role
            rule = grant.rule.map(RuleJSON.init)
            scope = grant.scope
            throughGroup = grant.throughGroup
            location = grant.location.map { LocationJSON(file: $0.file, line: $0.line) }
        }
    }

    struct SubjectJSON: Encodable {
        var kind: String
        var name: String
        var namespace: String?
        var grants: [GrantJSON]
    }

    struct PrincipalJSON: Encodable {
        var arn: String
        var username: String
        var groups: [String]
        var source: String
        var grants: [GrantJSON]
    }

    struct RequestJSON: Encodable {
        var verb: String
        var apiGroup: String?
        var resource: String?
        var subresource: String?
        var name: String?
        var namespace: String?
        var nonResourceURL: String?

        init(_ request: AccessRequest) {
            verb = request.verb
            if let path = request.path {
                nonResourceURL = path
            } else {
                apiGroup = request.apiGroup
                resource = request.resource
                subresource = request.subresource.isEmpty ? nil : request.subresource
                name = request.name.isEmpty ? nil : request.name
                namespace = request.namespace.isEmpty ? nil : request.namespace
            }
        }
    }

    struct WhoCanJSON: Encodable {
        var request: RequestJSON
        var scope: String
        var subjects: [SubjectJSON]
        var eksPrincipals: [PrincipalJSON]
        var notes: [String]
        var errors: [String]
    }

    public static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    public static func whoCanJSON(_ answer: RBACQueries.WhoCanAnswer, errors: [Diagnostic]) -> String {
        json(
            WhoCanJSON(
                request: RequestJSON(answer.request),
                scope: answer.request.namespace.isEmpty ? "cluster" : answer.request.namespace,
                subjects: answer.subjects.map { entry in
                    SubjectJSON(
                        kind: entry.subject.kind, name: entry.subject.name, namespace: entry.subject.namespace,
                        grants: entry.grants.map(GrantJSON.init))
                },
                eksPrincipals: answer.principals.map { entry in
                    PrincipalJSON(
                        arn: entry.principal.arn, username: entry.principal.username, groups: entry.principal.groups,
                        source: entry.principal.source.rawValue, grants: entry.grants.map(GrantJSON.init))
                },
                notes: answer.notes, errors: errors.map(\.description)))
    }

    public static func whoCanTable(_ answer: RBACQueries.WhoCanAnswer) -> String {
        var lines = ["who can \(answer.request): \(answer.subjects.count) subject(s)", ""]
        for entry in answer.subjects {
            lines.append("  \(entry.subject.kind) \(entry.subject.namespace.map { "\($0)/" } ?? "")\(entry.subject.name)")
            for grant in entry.grants { lines.append("      " + grantLine(grant)) }
        }
        if !answer.principals.isEmpty {
            lines += ["", "EKS principals (\(answer.principals.count)):"]
            for entry in answer.principals {
                lines.append("  \(entry.principal.arn) as '\(entry.principal.username)' (\(entry.principal.source.rawValue))")
                for grant in entry.grants { lines.append("      " + grantLine(grant)) }
            }
        }
        if !answer.notes.isEmpty { lines += [""] + answer.notes.map { "note: \($0)" } }
        return lines.joined(separator: "\n")
    }

    static func grantLine(_ grant: RBACGrant) -> String {
        var text = grant.kind == .masters ? "system:masters bypasses RBAC" : grant.path
        if let group = grant.throughGroup, grant.kind != .masters { text += " (through group \(group))" }
        if grant.kind != .masters { text += " [\(grant.scope)]" }
        if let location = grant.location { text += " \(location.file):\(location.line)" }
        return text
    }

    struct CanJSON: Encodable {
        var subject: String
        var username: String
        var groups: [String]
        var request: RequestJSON
        var allowed: Bool
        var grants: [GrantJSON]
        var notes: [String]
    }

    public static func canJSON(_ subject: RBACQueries.ResolvedSubject, _ request: AccessRequest, _ grants: [RBACGrant]) -> String {
        json(
            CanJSON(
                subject: subject.subject.description, username: subject.user.name, groups: subject.user.groups,
                request: RequestJSON(request), allowed: !grants.isEmpty, grants: grants.map(GrantJSON.init),
                notes: subject.unmapped.map { [$0] } ?? []))
    }

    public static func canTable(_ subject: RBACQueries.ResolvedSubject, _ request: AccessRequest, _ grants: [RBACGrant]) -> String {
        var lines = [
            grants.isEmpty ? "no" : "yes",
            "  \(subject.subject) (user '\(subject.user.name)', groups \(subject.user.groups.joined(separator: ", "))): \(request)"
        ]
        lines += grants.map { "  " + grantLine($0) }
        if let unmapped = subject.unmapped { lines.append("  note: \(unmapped)") }
        return lines.joined(separator: "\n")
    }

    struct MatrixJSON: Encodable {
        var subject: String
        var namespace: String?
        var verbs: [String]
        var rows: [Row]

        struct Row: Encodable {
            var resource: String
            var apiGroup: String
            var verbs: [String: String]
        }
    }

    public static func matrixJSON(_ subject: RBACQueries.ResolvedSubject, namespace: String?, _ rows: [RBACQueries.MatrixRow]) -> String {
        json(
            MatrixJSON(
                subject: subject.subject.description, namespace: namespace, verbs: RBACQueries.matrixVerbs,
                rows: rows.map { .init(resource: $0.resource, apiGroup: $0.apiGroup, verbs: $0.cells.mapValues(\.rawValue)) }))
    }

    public static func matrixTable(_ subject: RBACQueries.ResolvedSubject, namespace: String?, _ rows: [RBACQueries.MatrixRow]) -> String {
        let names = rows.map { $0.apiGroup.isEmpty ? $0.resource : "\($0.resource).\($0.apiGroup)" }
        let width = max(8, names.map(\.count).max() ?? 8)
        let verbs = RBACQueries.matrixVerbs
        func pad(_ text: String, _ count: Int) -> String { text + String(repeating: " ", count: max(0, count - text.count)) }
        var lines = [
            "\(subject.subject) \(namespace.map { "in namespace \($0)" } ?? "cluster-wide") (✔ allowed, ✘ denied, n some names only)", ""
        ]
        lines.append(pad("NAME", width) + "  " + verbs.map { pad($0.uppercased(), $0.count) }.joined(separator: " "))
        for (name, row) in zip(names, rows) {
            let cells = verbs.map { verb -> String in
                let mark =
                    switch row.cells[verb] ?? .denied {
                    case .allowed: "✔"
                    case .denied: "✘"
                    case .someNames: "n"
                    }
                return pad(mark, verb.count)
            }
            lines.append(pad(name, width) + "  " + cells.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    struct SummaryJSON: Encodable {
        var subject: String
        var username: String
        var groups: [String]
        var systemMasters: Bool
        var bindings: [Entry]
        var accessPolicies: [Policy]

        struct Entry: Encodable {
            var binding: String
            var role: String
            var scope: String
            var throughGroup: String?
            var rules: [RuleJSON]?
            var location: LocationJSON?
        }

        struct Policy: Encodable {
            var policy: String
            var scope: String
            var namespaces: [String]
        }
    }

    public static func summaryJSON(
        _ subject: RBACQueries.ResolvedSubject,
        _ summary: (entries: [RBACQueries.SummaryEntry], policies: [AccessPolicyAssociation], masters: Bool)
    ) -> String {
        json(
            SummaryJSON(
                subject: subject.subject.description, username: subject.user.name, groups: subject.user.groups,
                systemMasters: summary.masters,
                bindings: summary.entries.map { entry in
                    .init(
                        binding: entry.binding.meta.resourceName, role: entry.role, scope: entry.scope, throughGroup: entry.throughGroup,
                        rules: entry.rules?.map(RuleJSON.init),
                        location: entry.binding.meta.provenance.location.map { LocationJSON(file: $0.file, line: $0.line) })
                },
                accessPolicies: summary.policies.map {
                    .init(policy: $0.policyArn.value ?? "unknown", scope: $0.scopeType.value ?? "unknown", namespaces: $0.namespaces)
                }))
    }

    public static func summaryTable(
        _ subject: RBACQueries.ResolvedSubject,
        _ summary: (entries: [RBACQueries.SummaryEntry], policies: [AccessPolicyAssociation], masters: Bool)
    ) -> String {
        var lines = ["\(subject.subject): user '\(subject.user.name)', groups \(subject.user.groups.joined(separator: ", "))"]
        if summary.masters { lines.append("  member of system:masters: every request is allowed, whatever the bindings say") }
        if let unmapped = subject.unmapped { lines.append("  note: \(unmapped)") }
        lines.append("")
        for entry in summary.entries {
            var head = "  \(entry.binding.meta.resourceName) → \(entry.role) [\(entry.scope)]"
            if let group = entry.throughGroup { head += " through group \(group)" }
            lines.append(head)
            for rule in entry.rules ?? [] { lines.append("      " + rule.summary) }
        }
        for policy in summary.policies {
            lines.append(
                "  access policy \(EKSAccess.policyName(policy.policyArn.value ?? "unknown")) [\(policy.scopeType.value ?? "unknown")\(policy.namespaces.isEmpty ? "" : ": " + policy.namespaces.joined(separator: ","))]"
            )
        }
        if summary.entries.isEmpty && summary.policies.isEmpty { lines.append("  no binding applies") }
        return lines.joined(separator: "\n")
    }
}
