import Foundation
import PerimeterKubernetes
import PerimeterModel

/// The roles and bindings every API server creates at start-up (the bootstrap RBAC policy), shipped as
/// package resources per Kubernetes minor version. Roles that manifests bind without defining come
/// from here, and objects are recognised as defaults by comparing their content with it, never by label.
public struct BootstrapPolicy: Sendable {
    /// Every version shipped under Resources/bootstrap-rbac, oldest first.
    public static let shippedVersions = ["1.32"]
    public static var newest: String { shippedVersions[shippedVersions.count - 1] }

    static let files = [
        "cluster-roles.yaml", "cluster-role-bindings.yaml", "namespace-roles.yaml", "namespace-role-bindings.yaml",
        "controller-roles.yaml", "controller-role-bindings.yaml"
    ]

    public let version: String
    public let roles: [KubeRole]
    public let bindings: [KubeRoleBinding]
    private let roleByKey: [String: Int]
    private let bindingByKey: [String: Int]
    /// Load problems of the shipped files (none unless the bundle is damaged).
    public let diagnostics: [Diagnostic]

    init(version: String, directory: URL?) {
        self.version = version
        var objects = KubernetesObjects()
        var problems: [Diagnostic] = []
        for file in Self.files {
            guard let url = directory?.appendingPathComponent(file), let data = FileManager.default.contents(atPath: url.path),
                let text = String(data: data, encoding: .utf8)
            else {
                problems.append(.error("bootstrap policy \(version): '\(file)' is missing from the package resources", file: file))
                continue
            }
            let loaded = ManifestLoader.load(text: text, file: "bootstrap-rbac/\(version)/\(file)", origin: .file)
            objects.merge(loaded.snapshot.kubernetes)
            problems += loaded.diagnostics.filter { $0.severity == .error }
        }
        roles = objects.roles
        bindings = objects.bindings
        roleByKey = Dictionary(objects.roles.enumerated().map { ($1.meta.resourceName, $0) }, uniquingKeysWith: { first, _ in first })
        bindingByKey = Dictionary(objects.bindings.enumerated().map { ($1.meta.resourceName, $0) }, uniquingKeysWith: { first, _ in first })
        diagnostics = problems
    }

    private static let loaded: [String: BootstrapPolicy] = {
        let root = Bundle.module.resourceURL?.appendingPathComponent("bootstrap-rbac")
        return Dictionary(
            uniqueKeysWithValues: shippedVersions.map { ($0, BootstrapPolicy(version: $0, directory: root?.appendingPathComponent($0))) })
    }()

    /// The policy of a shipped minor version (`1.32`).
    public static func shipped(_ version: String) -> BootstrapPolicy? { loaded[version] }

    /// `1.32` from `1.32`, `v1.32.4`, `v1.32.4-eks-1a2b3c` or `1.32+`; nil when it is not MAJOR.MINOR.
    public static func minor(of text: String) -> String? {
        var trimmed = Substring(text.trimmingCharacters(in: .whitespaces))
        if trimmed.hasPrefix("v") { trimmed = trimmed.dropFirst() }
        let parts = trimmed.split(separator: ".", maxSplits: 2)
        guard parts.count >= 2, let major = Int(parts[0]) else { return nil }
        let minorDigits = parts[1].prefix { $0.isNumber }
        guard let minor = Int(minorDigits) else { return nil }
        return "\(major).\(minor)"
    }

    /// The policy to use: `requested` (a `--kubernetes-version`, which must be shipped), else a live
    /// cluster's own version (the nearest shipped one not newer, or the oldest), else the newest shipped.
    public static func select(requested: String?, serverVersion: String?) -> Result<BootstrapPolicy, SelectionError> {
        if let requested {
            guard let minor = minor(of: requested), let policy = loaded[minor] else {
                return .failure(
                    SelectionError(
                        message: "Unknown Kubernetes version '\(requested)'; perimeter ships the bootstrap policy of "
                            + shippedVersions.joined(separator: ", ")))
            }
            return .success(policy)
        }
        if let serverVersion, let minor = minor(of: serverVersion) {
            let key = { (version: String) in version.split(separator: ".").compactMap { Int($0) } }
            let wanted = key(minor)
            let chosen = shippedVersions.last { key($0).lexicographicallyPrecedes(wanted) || key($0) == wanted } ?? shippedVersions[0]
            if let policy = loaded[chosen] { return .success(policy) }
        }
        guard let policy = loaded[newest] else {
            return .failure(SelectionError(message: "The bootstrap policy is missing from the package resources"))
        }
        return .success(policy)
    }

    public struct SelectionError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    public func role(_ key: String) -> KubeRole? { roleByKey[key].map { roles[$0] } }
    public func binding(_ key: String) -> KubeRoleBinding? { bindingByKey[key].map { bindings[$0] } }

    /// How this role differs from the default of the same kind and name: nil when there is no such
    /// default; empty when it grants nothing beyond it (same aggregation; rules a subset of the default's).
    public func difference(of role: KubeRole) -> [String]? {
        guard let builtIn = self.role(role.meta.resourceName) else { return nil }
        var lines: [String] = []
        if role.aggregationSelectors != builtIn.aggregationSelectors {
            lines.append("aggregationRule differs from the Kubernetes \(version) default")
        }
        // An aggregated role's rules are computed from other roles; only its selectors are its own.
        if builtIn.aggregationSelectors == nil {
            for rule in role.rules where !Self.covers(builtIn.rules, rule) {
                lines.append("rule not in the Kubernetes \(version) default: \(rule.summary)")
            }
        }
        return lines
    }

    /// How this binding differs from the default of the same kind and name (nil: there is none).
    public func difference(of binding: KubeRoleBinding) -> [String]? {
        guard let builtIn = self.binding(binding.meta.resourceName) else { return nil }
        var lines: [String] = []
        if binding.roleKind != builtIn.roleKind || binding.roleName != builtIn.roleName {
            lines.append("roleRef \(binding.roleKind)/\(binding.roleName) instead of the default's \(builtIn.roleKind)/\(builtIn.roleName)")
        }
        let defaults = Set(builtIn.subjects.map(Self.normalized))
        for subject in binding.subjects where !defaults.contains(Self.normalized(subject)) {
            lines.append(
                "subject not in the Kubernetes \(version) default: \(subject.kind) \(subject.namespace.isEmpty ? "" : subject.namespace + "/")\(subject.name)"
            )
        }
        return lines
    }

    /// Whether every request `rule` allows is allowed by one of `rules` (a rule split in two, or reordered,
    /// grants nothing more). A `*` in `rule` is covered only by a `*`.
    public static func covers(_ rules: [PolicyRule], _ rule: PolicyRule) -> Bool {
        for verb in rule.verbs {
            for url in rule.nonResourceURLs where !rules.contains(where: { RuleMatching.allows($0, AccessRequest(verb: verb, path: url)) })
            {
                return false
            }
            for group in rule.apiGroups {
                for resource in rule.resources {
                    let parts = resource.split(separator: "/", maxSplits: 1).map(String.init)
                    for name in rule.resourceNames.isEmpty ? [""] : rule.resourceNames {
                        let request = AccessRequest(
                            verb: verb, apiGroup: group, resource: parts.first ?? resource,
                            subresource: parts.count > 1 ? parts[1] : "", name: name)
                        if !rules.contains(where: { RuleMatching.allows($0, request) }) { return false }
                    }
                }
            }
        }
        return true
    }

    static func normalized(_ subject: KubeSubject) -> KubeSubject {
        KubeSubject(kind: subject.kind, name: subject.name, namespace: subject.namespace)
    }
}
