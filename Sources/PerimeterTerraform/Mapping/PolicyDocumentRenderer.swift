import PerimeterModel

/// Renders a `data "aws_iam_policy_document"` from its `statement` blocks the way the provider does
/// (single values as strings, lists otherwise), so IAM checks read the real trust policy.
/// Anything not known makes the whole document unknown: a partial policy could hide a condition.
enum PolicyDocumentRenderer {
    private struct NotKnown: Error {
        var reason: String
    }

    static func render(_ document: ResourceInstance) -> Resolved<String> {
        do {
            return .known(JSONText.write(try node(document)))
        } catch {
            return .unknown("the policy document \(document.address) is not fully known: \(error.reason)")
        }
    }

    private static func node(_ document: ResourceInstance) throws(NotKnown) -> JSONText.Node {
        let values = document.values
        for merged in ["source_policy_documents", "override_policy_documents", "source_json", "override_json"] {
            switch values[merged] {
            case nil, .null?, .string("")?: continue
            case .list([])?, .set([])?: continue
            default: throw NotKnown(reason: "it merges other documents (\(merged))")
            }
        }
        let version = try string(values["version"]) ?? "2012-10-17"
        var statements: [JSONText.Node] = []
        for statement in try blocks(values["statement"]) {
            statements.append(try self.statement(statement))
        }
        return .object([("Version", .string(version)), ("Statement", .array(statements))])
    }

    private static func statement(_ fields: [String: Value]) throws(NotKnown) -> JSONText.Node {
        var members: [(String, JSONText.Node)] = []
        if let sid = try string(fields["sid"]) { members.append(("Sid", .string(sid))) }
        members.append(("Effect", .string(try string(fields["effect"]) ?? "Allow")))
        for (name, key) in [
            ("actions", "Action"), ("not_actions", "NotAction"), ("resources", "Resource"),
            ("not_resources", "NotResource")
        ] {
            let items = try strings(fields[name])
            if !items.isEmpty { members.append((key, collapse(items))) }
        }
        for (name, key) in [("principals", "Principal"), ("not_principals", "NotPrincipal")] {
            if let principals = try principals(fields[name]) { members.append((key, principals)) }
        }
        if let conditions = try conditions(fields["condition"]) { members.append(("Condition", conditions)) }
        return .object(members)
    }

    /// `principals { type, identifiers }` blocks, merged by type; `type = "*"` is the bare `"*"`.
    private static func principals(_ value: Value?) throws(NotKnown) -> JSONText.Node? {
        var order: [String] = []
        var byType: [String: [String]] = [:]
        for block in try blocks(value) {
            let type = try string(block["type"]) ?? "AWS"
            let identifiers = try strings(block["identifiers"])
            if type == "*" { return .string("*") }
            if byType[type] == nil { order.append(type) }
            byType[type, default: []] += identifiers
        }
        guard !order.isEmpty else { return nil }
        return .object(order.map { ($0, collapse(byType[$0] ?? [])) })
    }

    /// `condition { test, variable, values }` blocks as `{"StringEquals": {"variable": values}}`.
    private static func conditions(_ value: Value?) throws(NotKnown) -> JSONText.Node? {
        var tests: [String] = []
        var variablesByTest: [String: [String]] = [:]
        var valuesByKey: [String: [String]] = [:]
        for block in try blocks(value) {
            guard let test = try string(block["test"]), let variable = try string(block["variable"]) else {
                throw NotKnown(reason: "a condition has no test or variable")
            }
            if variablesByTest[test] == nil { tests.append(test) }
            if !(variablesByTest[test] ?? []).contains(variable) { variablesByTest[test, default: []].append(variable) }
            valuesByKey[test + "\u{0}" + variable, default: []] += try strings(block["values"])
        }
        guard !tests.isEmpty else { return nil }
        return .object(
            tests.map { test in
                (test, .object((variablesByTest[test] ?? []).map { ($0, collapse(valuesByKey[test + "\u{0}" + $0] ?? [])) }))
            })
    }

    /// One value as a string, a list as an array, as the provider writes them.
    private static func collapse(_ items: [String]) -> JSONText.Node {
        items.count == 1 ? .string(items[0]) : .array(items.map(JSONText.Node.string))
    }

    private static func blocks(_ value: Value?) throws(NotKnown) -> [[String: Value]] {
        switch value {
        case nil, .null?: return []
        case .object(let fields)?: return [fields]
        case .list(let items)?, .set(let items)?:
            var result: [[String: Value]] = []
            for item in items {
                switch item {
                case .object(let fields): result.append(fields)
                case .unknown(let unknown): throw NotKnown(reason: unknown.reason)
                default: continue
                }
            }
            return result
        case .unknown(let unknown)?: throw NotKnown(reason: unknown.reason)
        default: return []
        }
    }

    private static func string(_ value: Value?) throws(NotKnown) -> String? {
        switch value {
        case .string(let text)? where !text.isEmpty: return text
        case .number(let number)?: return ValueText.number(number)
        case .bool(let bool)?: return bool ? "true" : "false"
        case .unknown(let unknown)?: throw NotKnown(reason: unknown.reason)
        default: return nil
        }
    }

    private static func strings(_ value: Value?) throws(NotKnown) -> [String] {
        switch value {
        case .list(let items)?, .set(let items)?:
            var result: [String] = []
            for item in items {
                if let text = try string(item) { result.append(text) }
            }
            return result
        case .unknown(let unknown)?: throw NotKnown(reason: unknown.reason)
        default: return try string(value).map { [$0] } ?? []
        }
    }
}
