/// A subject as commands and reports name it: `User:alice`, `Group:system:masters`,
/// `ServiceAccount:ns:name` (or `system:serviceaccount:ns:name`), `IAM:arn:aws:iam::…` for an EKS principal.
public enum SubjectRef: Hashable, Sendable, CustomStringConvertible, Comparable {
    case user(String)
    case group(String)
    case serviceAccount(namespace: String, name: String)
    case iamPrincipal(arn: String)

    public static func parse(_ text: String) -> SubjectRef? {
        let prefix = "system:serviceaccount:"
        if text.hasPrefix(prefix) {
            let parts = text.dropFirst(prefix.count).split(separator: ":", maxSplits: 1).map(String.init)
            return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty ? .serviceAccount(namespace: parts[0], name: parts[1]) : nil
        }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let kind = text[..<colon].lowercased()
        let rest = String(text[text.index(after: colon)...])
        guard !rest.isEmpty else { return nil }
        switch kind {
        case "user": return .user(rest)
        case "group": return .group(rest)
        case "serviceaccount", "sa":
            let parts = rest.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2 { return .serviceAccount(namespace: parts[0], name: parts[1]) }
            let slash = rest.split(separator: "/", maxSplits: 1).map(String.init)
            return slash.count == 2 ? .serviceAccount(namespace: slash[0], name: slash[1]) : nil
        case "iam": return .iamPrincipal(arn: rest)
        default: return nil
        }
    }

    public var kind: String {
        switch self {
        case .user: "User"
        case .group: "Group"
        case .serviceAccount: "ServiceAccount"
        case .iamPrincipal: "IAM"
        }
    }

    public var name: String {
        switch self {
        case .user(let name), .group(let name): name
        case .serviceAccount(_, let name): name
        case .iamPrincipal(let arn): arn
        }
    }

    public var namespace: String? {
        if case .serviceAccount(let namespace, _) = self { return namespace }
        return nil
    }

    public var description: String {
        switch self {
        case .serviceAccount(let namespace, let name): "ServiceAccount:\(namespace):\(name)"
        default: "\(kind):\(name)"
        }
    }

    public static func < (a: SubjectRef, b: SubjectRef) -> Bool { a.description < b.description }
}

/// An authenticated user as the authorizer sees it: a name and groups, implicit groups included.
public struct UserInfo: Hashable, Sendable {
    public var name: String
    public var groups: [String]

    public init(name: String, groups: [String]) {
        self.name = name
        self.groups = groups
    }

    /// The user the API server would see for a subject: service accounts are in `system:serviceaccounts`,
    /// `system:serviceaccounts:NS` and `system:authenticated`; every other user is in `system:authenticated`
    /// except `system:anonymous`, who is in `system:unauthenticated`. A group stands for a member known only by it.
    public static func implied(by subject: SubjectRef, extraGroups: [String] = []) -> UserInfo {
        switch subject {
        case .user(let name):
            return withImplicitGroups(UserInfo(name: name, groups: extraGroups))
        case .group(let group):
            return UserInfo(name: "", groups: [group] + extraGroups)
        case .serviceAccount(let namespace, let name):
            return withImplicitGroups(
                UserInfo(
                    name: "system:serviceaccount:\(namespace):\(name)",
                    groups: ["system:serviceaccounts", "system:serviceaccounts:\(namespace)"] + extraGroups))
        case .iamPrincipal(let arn):
            return withImplicitGroups(UserInfo(name: arn, groups: extraGroups))
        }
    }

    /// Adds `system:authenticated` (or `system:unauthenticated` for `system:anonymous`), as the authenticator does.
    public static func withImplicitGroups(_ user: UserInfo) -> UserInfo {
        var user = user
        if user.name == "system:anonymous" {
            if !user.groups.contains("system:unauthenticated") { user.groups.append("system:unauthenticated") }
        } else if !user.groups.contains("system:authenticated") && !user.groups.contains("system:unauthenticated") {
            user.groups.append("system:authenticated")
        }
        return user
    }

    public var isMaster: Bool { groups.contains("system:masters") }
}
