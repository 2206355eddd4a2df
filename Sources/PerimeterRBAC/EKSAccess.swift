import PerimeterKubernetes
import PerimeterModel

/// An IAM principal that gets into an EKS cluster: through aws-auth or an access entry, with the
/// Kubernetes username and groups it receives and the access policies associated with it.
public struct EKSPrincipal: Hashable, Sendable {
    public enum Source: String, Sendable {
        case awsAuthRole = "aws-auth mapRoles"
        case awsAuthUser = "aws-auth mapUsers"
        case accessEntry = "access entry"
    }

    public var arn: String
    public var username: String
    public var groups: [String]
    public var source: Source
    public var provenance: Provenance
    public var policies: [AccessPolicyAssociation]
}

/// EKS identities from aws-auth and access entries. Access policies are enforced by an EKS authorizer,
/// not by RBAC objects, so they are evaluated here beside RBAC.
public struct EKSAccess: Sendable {
    public private(set) var principals: [EKSPrincipal] = []
    /// aws-auth `mapAccounts`: every IAM principal of these accounts authenticates (username = its ARN).
    public private(set) var mappedAccounts: [String] = []
    public private(set) var diagnostics: [Diagnostic] = []
    /// Parts that could not be resolved (Terraform values known only after apply).
    public private(set) var unknowns: [String] = []

    init(snapshot: Snapshot) {
        var entryArns = Set<String>()
        var policiesByArn: [String: [AccessPolicyAssociation]] = [:]
        for association in snapshot.accessPolicyAssociations {
            if let arn = association.principalArn.value { policiesByArn[arn, default: []].append(association) }
        }
        for entry in snapshot.accessEntries {
            guard let arn = entry.principalArn.value else {
                unknowns.append("access entry \(entry.provenance.resource): principal ARN unknown")
                continue
            }
            entryArns.insert(arn)
            principals.append(
                EKSPrincipal(
                    arn: arn, username: entry.username?.value ?? arn,
                    groups: entry.kubernetesGroups.value ?? [], source: .accessEntry,
                    provenance: entry.provenance, policies: policiesByArn[arn] ?? []))
        }
        // Policies associated with a principal that has no entry in the inputs still say what it may do.
        for (arn, policies) in policiesByArn where !entryArns.contains(arn) {
            entryArns.insert(arn)
            principals.append(
                EKSPrincipal(
                    arn: arn, username: arn, groups: [], source: .accessEntry,
                    provenance: policies[0].provenance, policies: policies))
        }
        for configMap in snapshot.awsAuthConfigMaps {
            let parsed = AWSAuthMappings.parse(configMap)
            diagnostics += parsed.diagnostics
            unknowns += parsed.unknowns
            mappedAccounts += parsed.accounts
            // An access entry for the same ARN overrides the aws-auth entry.
            for mapping in parsed.mappings where !entryArns.contains(mapping.arn) {
                principals.append(
                    EKSPrincipal(
                        arn: mapping.arn, username: mapping.username.isEmpty ? mapping.arn : mapping.username,
                        groups: mapping.groups, source: mapping.kind == .role ? .awsAuthRole : .awsAuthUser,
                        provenance: mapping.provenance, policies: []))
            }
        }
    }

    public func principal(arn: String) -> EKSPrincipal? {
        principals.first { $0.arn == arn } ?? principals.first { $0.arn.lowercased() == arn.lowercased() }
    }

    /// The user an IAM principal becomes inside the cluster, implicit groups included.
    public func user(for principal: EKSPrincipal) -> UserInfo {
        UserInfo.withImplicitGroups(UserInfo(name: principal.username, groups: principal.groups))
    }

    /// The policy's short name: `AmazonEKSClusterAdminPolicy`.
    public static func policyName(_ arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }

    /// The rules an access policy grants, as upstream equivalents; nil when perimeter does not model it
    /// (or the ClusterRole it mirrors is not in the inputs).
    public static func rules(ofPolicy arn: String, authorizer: RBACAuthorizer) -> [PolicyRule]? {
        func clusterRole(_ name: String) -> [PolicyRule]? {
            authorizer.role(named: "ClusterRole/\(name)").map { authorizer.effectiveRules[$0] }
        }
        switch policyName(arn) {
        case "AmazonEKSClusterAdminPolicy":
            return [PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]), PolicyRule(verbs: ["*"], nonResourceURLs: ["*"])]
        case "AmazonEKSAdminViewPolicy":
            return [PolicyRule(verbs: ["get", "list", "watch"], apiGroups: ["*"], resources: ["*"])]
        case "AmazonEKSAdminPolicy": return clusterRole("admin")
        case "AmazonEKSEditPolicy": return clusterRole("edit")
        case "AmazonEKSViewPolicy": return clusterRole("view")
        default: return nil
        }
    }

    /// Whether an association's scope covers a request: cluster scope covers everything; namespace scope
    /// covers namespaced requests in the listed namespaces (which may end in `*`).
    public static func scope(of association: AccessPolicyAssociation, covers namespace: String) -> Bool {
        switch association.scopeType.value {
        case "cluster"?: return true
        case "namespace"?:
            guard !namespace.isEmpty else { return false }
            return association.namespaces.contains { pattern in
                pattern.hasSuffix("*") ? namespace.hasPrefix(pattern.dropLast()) : pattern == namespace
            }
        default: return false
        }
    }

    func policyGrants(for arn: String, request: AccessRequest, authorizer: RBACAuthorizer) -> [RBACGrant] {
        guard let principal = principal(arn: arn) else { return [] }
        return principal.policies.compactMap { association in
            guard let policyArn = association.policyArn.value, Self.scope(of: association, covers: request.namespace),
                let rule = Self.rules(ofPolicy: policyArn, authorizer: authorizer)?.first(where: { RuleMatching.allows($0, request) })
            else { return nil }
            let scope = association.scopeType.value == "cluster" ? "cluster" : association.namespaces.joined(separator: ",")
            return RBACGrant(
                kind: .accessPolicy, via: "access entry \(principal.arn)", role: Self.policyName(policyArn), rule: rule,
                scope: scope, location: association.provenance.location)
        }
    }
}
