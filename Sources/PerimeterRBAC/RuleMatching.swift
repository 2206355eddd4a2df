import PerimeterModel

/// Whether one PolicyRule allows a request, exactly as the API server's evaluation helpers decide.
public enum RuleMatching {
    public static func allows(_ rule: PolicyRule, _ request: AccessRequest, ignoringNames: Bool = false) -> Bool {
        guard verbMatches(rule.verbs, request.verb) else { return false }
        if let path = request.path {
            return nonResourceURLMatches(rule.nonResourceURLs, path)
        }
        return apiGroupMatches(rule.apiGroups, request.apiGroup)
            && resourceMatches(rule.resources, resource: request.resource, subresource: request.subresource)
            && (ignoringNames || resourceNameMatches(rule.resourceNames, request.name))
    }

    /// `*` or an exact, case-sensitive match.
    public static func verbMatches(_ verbs: [String], _ verb: String) -> Bool {
        verbs.contains { $0 == "*" || $0 == verb }
    }

    /// `*` or an exact match; `""` is the core group and only the core group.
    public static func apiGroupMatches(_ groups: [String], _ group: String) -> Bool {
        groups.contains { $0 == "*" || $0 == group }
    }

    /// `*` matches every resource and subresource; `*/sub` matches that subresource of any resource;
    /// otherwise an exact match on `resource` or `resource/sub`. `pods/*` is not a wildcard.
    public static func resourceMatches(_ resources: [String], resource: String, subresource: String) -> Bool {
        let combined = subresource.isEmpty ? resource : resource + "/" + subresource
        for candidate in resources {
            if candidate == "*" || candidate == combined { return true }
            if !subresource.isEmpty, candidate.count == subresource.count + 2, candidate.hasPrefix("*/"),
                candidate.hasSuffix(subresource)
            {
                return true
            }
        }
        return false
    }

    /// Empty means every name; a request without a name never matches a rule that lists names.
    public static func resourceNameMatches(_ names: [String], _ name: String) -> Bool {
        if names.isEmpty { return true }
        if name.isEmpty { return false }
        return names.contains(name)
    }

    /// `*`, an exact match, or a rule ending in `*` that matches by prefix (`/api*` matches `/apis`).
    public static func nonResourceURLMatches(_ urls: [String], _ path: String) -> Bool {
        urls.contains { url in
            if url == "*" || url == path { return true }
            return url.hasSuffix("*") && path.hasPrefix(url.dropLast())
        }
    }
}
