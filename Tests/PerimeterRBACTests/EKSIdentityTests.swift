import PerimeterModel
import Testing

@testable import PerimeterRBAC

/// EKS identities: aws-auth mappings and access entries with access policies feed the principal's
/// username, groups and permissions.
@Suite struct EKSIdentityTests {
    static func snapshot() -> Snapshot {
        var snapshot = manifests(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: aws-auth, namespace: kube-system}
            data:
              mapRoles: |
                - rolearn: arn:aws:iam::111122223333:role/Admin
                  username: admin:{{SessionName}}
                  groups: [system:masters]
                - rolearn: arn:aws:iam::111122223333:role/dev
                  username: dev
                  groups: [developers]
                - rolearn: arn:aws:iam::111122223333:role/overridden
                  username: old
                  groups: [system:masters]
              mapAccounts: |
                - "444455556666"
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: pod-reader}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: developers-read}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
            subjects: [{kind: Group, name: developers, apiGroup: rbac.authorization.k8s.io}]
            """)
        snapshot.merge(SharedData.bootstrap)
        let cluster = ObjectRef.key("aws_eks_cluster.this")
        let provenance = Provenance(resource: "aws_eks_access_entry.ops", origin: .terraform)
        snapshot.accessEntries = [
            AccessEntry(
                provenance: provenance, cluster: cluster, principalArn: .known("arn:aws:iam::111122223333:role/ops"),
                kubernetesGroups: .known([]), username: .known("ops")),
            AccessEntry(
                provenance: provenance, cluster: cluster, principalArn: .known("arn:aws:iam::111122223333:role/overridden"),
                kubernetesGroups: .known(["developers"]))
        ]
        snapshot.accessPolicyAssociations = [
            AccessPolicyAssociation(
                provenance: Provenance(resource: "aws_eks_access_policy_association.ops", origin: .terraform),
                cluster: cluster, principalArn: .known("arn:aws:iam::111122223333:role/ops"),
                policyArn: .known("arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy"),
                scopeType: .known("namespace"), namespaces: ["team-*"])
        ]
        return snapshot
    }

    static let queries = RBACQueries(authorizer: RBACAuthorizer(snapshot: snapshot()))

    func can(_ arn: String, _ verb: String, _ resource: String, namespace: String? = nil) -> Bool {
        let subject = Self.queries.resolve(.iamPrincipal(arn: arn))
        return !Self.queries.can(
            subject, AccessRequest.parse(verb: verb, resource: resource, namespace: namespace, name: nil, apiGroup: nil)
        ).isEmpty
    }

    @Test func awsAuthGroupsGiveBindingsAndMasters() {
        #expect(can("arn:aws:iam::111122223333:role/Admin", "delete", "nodes"))
        #expect(can("arn:aws:iam::111122223333:role/dev", "list", "pods"))
        #expect(!can("arn:aws:iam::111122223333:role/dev", "delete", "pods", namespace: "x"))
        let dev = Self.queries.resolve(.iamPrincipal(arn: "arn:aws:iam::111122223333:role/dev"))
        #expect(dev.user == UserInfo(name: "dev", groups: ["developers", "system:authenticated"]))
    }

    @Test func accessEntryOverridesAWSAuthForTheSameARN() {
        // aws-auth says system:masters, the access entry says developers: the entry wins.
        #expect(!can("arn:aws:iam::111122223333:role/overridden", "delete", "nodes"))
        #expect(can("arn:aws:iam::111122223333:role/overridden", "list", "pods"))
    }

    @Test func accessPoliciesWithNamespaceScope() {
        let ops = "arn:aws:iam::111122223333:role/ops"
        // AmazonEKSEditPolicy mirrors the aggregated edit ClusterRole, in namespaces matching team-*.
        #expect(can(ops, "create", "deployments", namespace: "team-a"))
        #expect(can(ops, "get", "secrets", namespace: "team-b"))
        #expect(!can(ops, "create", "deployments", namespace: "prod"))
        #expect(!can(ops, "create", "deployments"))
        #expect(!can(ops, "create", "rolebindings", namespace: "team-a"))
        let grant = Self.queries.can(
            Self.queries.resolve(.iamPrincipal(arn: ops)),
            AccessRequest.parse(verb: "create", resource: "deployments", namespace: "team-a", name: nil, apiGroup: nil))
        #expect(grant.first?.kind == .accessPolicy)
        #expect(grant.first?.role == "AmazonEKSEditPolicy")
    }

    @Test func mappedAccountsAuthenticateWithoutGroupsAndUnknownPrincipalsNotAtAll() {
        let mapped = Self.queries.resolve(.iamPrincipal(arn: "arn:aws:iam::444455556666:role/anyone"))
        #expect(mapped.unmapped == nil)
        #expect(mapped.user.groups == ["system:authenticated"])
        #expect(can("arn:aws:iam::444455556666:role/anyone", "get", "/version"))
        let stranger = Self.queries.resolve(.iamPrincipal(arn: "arn:aws:iam::999999999999:role/x"))
        #expect(stranger.unmapped != nil)
        #expect(!can("arn:aws:iam::999999999999:role/x", "get", "/version"))
    }

    @Test func whoCanListsTheEKSPrincipalsBehindTheSubjects() {
        let answer = Self.queries.whoCan(
            AccessRequest.parse(verb: "create", resource: "deployments", namespace: "team-a", name: nil, apiGroup: nil))
        let arns = answer.principals.map(\.principal.arn)
        #expect(arns.contains("arn:aws:iam::111122223333:role/Admin")) // system:masters through aws-auth
        #expect(arns.contains("arn:aws:iam::111122223333:role/ops")) // access policy
        #expect(!arns.contains("arn:aws:iam::111122223333:role/dev"))
        #expect(!arns.contains("arn:aws:iam::111122223333:role/overridden"))
        let json = RBACOutput.whoCanJSON(answer, errors: [])
        #expect(json.contains("\"eksPrincipals\""))
    }
}
