import Foundation
import PerimeterModel
import Testing

@testable import PerimeterKubernetes

private let k8s = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/data/k8s")

@Suite struct ManifestLoaderTests {
    @Test func bootstrapListDumpsLoadWithLines() throws {
        let result = ManifestLoader.load(file: k8s.appendingPathComponent("bootstrap-rbac/cluster-roles.yaml").path)
        #expect(result.diagnostics.isEmpty)
        let roles = result.snapshot.kubernetes.roles
        #expect(roles.count == 31)
        let admin = try #require(roles.first { $0.meta.name == "admin" })
        #expect(admin.meta.kind == "ClusterRole" && admin.meta.namespace == "")
        #expect(admin.aggregationSelectors?.first?.matchLabels == ["rbac.authorization.k8s.io/aggregate-to-admin": "true"])
        #expect(admin.meta.provenance.location?.line == 3)
        #expect(admin.meta.provenance.resource == "ClusterRole/admin")
        let clusterAdmin = try #require(roles.first { $0.meta.name == "cluster-admin" })
        #expect(clusterAdmin.rules.count == 2)
        #expect(clusterAdmin.rules[1].nonResourceURLs == ["*"])
        #expect(clusterAdmin.meta.labels["kubernetes.io/bootstrapping"] == "rbac-defaults")
    }

    @Test func everyBootstrapFileLoadsItsCount() {
        let expected = [
            "cluster-roles.yaml": 31, "controller-roles.yaml": 38, "namespace-roles.yaml": 7,
            "cluster-role-bindings.yaml": 10, "controller-role-bindings.yaml": 38, "namespace-role-bindings.yaml": 7
        ]
        for (file, count) in expected {
            let result = ManifestLoader.load(file: k8s.appendingPathComponent("bootstrap-rbac/" + file).path)
            #expect(result.diagnostics.isEmpty, "\(file)")
            let objects = result.snapshot.kubernetes
            #expect(objects.roles.count + objects.bindings.count == count, "\(file)")
        }
    }

    @Test func multiDocumentYAMLWithHelmComments() throws {
        let text = """
            ---
            # Source: chart/templates/sa.yaml
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: runner
            ---
            # Source: chart/templates/deploy.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              template:
                spec:
                  serviceAccountName: runner
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly, namespace: shop}
            spec: {jobTemplate: {spec: {template: {spec: {automountServiceAccountToken: false}}}}}
            ---
            """
        let result = ManifestLoader.load(text: text, file: "chart.yaml", origin: .file)
        // The service account names no namespace and none was given: read in default, with a warning (issue 11).
        #expect(result.diagnostics.map(\.severity) == [.warning])
        #expect(result.diagnostics.first?.message.hasPrefix("ServiceAccount/runner has no metadata.namespace") == true)
        let objects = result.snapshot.kubernetes
        #expect(objects.serviceAccounts.map(\.resourceName) == ["ServiceAccount/default/runner"])
        #expect(objects.serviceAccounts.first?.provenance.location?.line == 3)
        #expect(objects.workloads.map(\.meta.resourceName) == ["Deployment/shop/web", "CronJob/shop/nightly"])
        #expect(objects.workloads.map(\.serviceAccountName) == ["runner", "default"])
        #expect(objects.workloads.last?.automountToken == false)
        #expect(objects.workloads.first?.meta.provenance.location?.line == 9)
    }

    @Test func kubectlJSONListDump() throws {
        let text = """
            {
                "apiVersion": "v1",
                "items": [
                    {
                        "apiVersion": "rbac.authorization.k8s.io/v1",
                        "kind": "RoleBinding",
                        "metadata": {"name": "ci", "namespace": "build"},
                        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "edit"},
                        "subjects": [{"kind": "ServiceAccount", "name": "deployer"}]
                    }
                ],
                "kind": "List",
                "metadata": {"resourceVersion": ""}
            }
            """
        let result = ManifestLoader.load(text: text, file: "dump.json", origin: .file)
        #expect(result.diagnostics.isEmpty)
        let binding = try #require(result.snapshot.kubernetes.bindings.first)
        #expect(binding.meta.resourceName == "RoleBinding/build/ci")
        #expect(binding.roleKind == "ClusterRole" && binding.roleName == "edit")
        #expect(
            binding.subjects == [
                KubeSubject(kind: "ServiceAccount", name: "deployer", location: SourceLocation(file: "dump.json", line: 9, column: 26))
            ])
        #expect(binding.meta.provenance.location?.line == 4)
    }

    @Test func compactJSONParses() {
        let text = #"{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"a","namespace":"b"}}"#
        let result = ManifestLoader.load(text: text, file: "sa.json", origin: .file)
        #expect(result.diagnostics.isEmpty)
        #expect(result.snapshot.kubernetes.serviceAccounts.map(\.resourceName) == ["ServiceAccount/b/a"])
    }

    @Test func syntaxErrorKeepsEarlierDocumentsAndNamesThePosition() throws {
        let text = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: [unclosed\n"
        let result = ManifestLoader.load(text: text, file: "bad.yaml", origin: .file)
        #expect(result.snapshot.kubernetes.serviceAccounts.count == 1)
        let error = try #require(result.diagnostics.first)
        #expect(error.severity == .error)
        #expect(error.location?.file == "bad.yaml")
        #expect((error.location?.line ?? 0) >= 7)
        #expect(error.description.hasPrefix("bad.yaml:"))
    }

    @Test func awsAuthConfigMapsFromTheAuthenticatorTests() throws {
        let plain = ManifestLoader.load(file: k8s.appendingPathComponent("aws-auth/aws-iam-authenticator-aws-auth.yaml").path)
        let configMap = try #require(plain.snapshot.awsAuthConfigMaps.first)
        #expect(configMap.provenance.resource == "ConfigMap/kube-system/aws-auth")
        let parsed = AWSAuthMappings.parse(configMap)
        #expect(
            parsed.mappings.map(\.arn) == [
                "arn:aws:iam::555555555555:role/devel-worker-nodes-NodeInstanceRole-74RF4UBDUKL6",
                "arn:aws:iam::555555555555:user/admin"
            ])
        #expect(parsed.mappings[1].groups == ["system:masters"])
        #expect(parsed.mappings[0].username == "system:node:{{EC2PrivateDNSName}}")
        #expect(parsed.accounts == ["555555555555"])

        // Entry keys are case-insensitive; the authenticator reads `rOlEaRn` too.
        let crazy = ManifestLoader.load(
            file: k8s.appendingPathComponent("aws-auth/aws-iam-authenticator-aws-auth-crazy-case-keys.yaml").path)
        #expect(AWSAuthMappings.parse(try #require(crazy.snapshot.awsAuthConfigMaps.first)).mappings.count == 2)

        // Top-level data keys are read exactly (`MaPrOlEs` is not `mapRoles`).
        let top = ManifestLoader.load(
            file: k8s.appendingPathComponent("aws-auth/aws-iam-authenticator-aws-auth-crazy-case-top-keys.yaml").path)
        #expect(AWSAuthMappings.parse(try #require(top.snapshot.awsAuthConfigMaps.first)).mappings.isEmpty)

        // A misplaced space folds two list items into one plain scalar: the node role loses system:nodes.
        let space = ManifestLoader.load(
            file: k8s.appendingPathComponent("aws-auth/aws-iam-authenticator-aws-auth-space-out-of-place.yaml").path)
        let spaced = AWSAuthMappings.parse(try #require(space.snapshot.awsAuthConfigMaps.first))
        #expect(spaced.mappings.first?.groups == ["system:bootstrappers - system:nodes"])

        // The EKS guide's hybrid sample puts `groups` items at the entry's indentation: invalid, reported, no crash.
        let hybrid = ManifestLoader.load(file: k8s.appendingPathComponent("aws-auth/eks-user-guide-aws-auth-hybrid.yml").path)
        let hybridMaps = AWSAuthMappings.parse(try #require(hybrid.snapshot.awsAuthConfigMaps.first))
        #expect(hybridMaps.diagnostics.count == 1)
        #expect(hybridMaps.diagnostics.first?.message.contains("mapRoles") == true)
        #expect(hybridMaps.mappings.isEmpty)

        // mapRoles written as YAML instead of a block string: read, with a warning.
        let bar = ManifestLoader.load(file: k8s.appendingPathComponent("aws-auth/aws-iam-authenticator-aws-auth-missing-bar.yaml").path)
        #expect(bar.diagnostics.contains { $0.severity == .warning && $0.message.contains("mapRoles") })
        #expect(AWSAuthMappings.parse(try #require(bar.snapshot.awsAuthConfigMaps.first)).mappings.count == 2)
    }

    @Test func detectsManifestsButNotOtherYAML() {
        #expect(ManifestLoader.looksLikeManifest(Data("apiVersion: v1\nkind: Pod\n".utf8)))
        #expect(ManifestLoader.looksLikeManifest(Data("# c\n---\napiVersion: v1\nkind: Pod\n".utf8)))
        #expect(!ManifestLoader.looksLikeManifest(Data("name: ci\non: push\n".utf8)))
        #expect(ManifestLoader.looksLikeManifest(Data(#"{"kind": "List", "apiVersion": "v1", "items": []}"#.utf8)))
    }
}

@Suite struct SnapshotCompatibilityTests {
    /// A snapshot written before Kubernetes objects existed still decodes; the new parts are empty.
    @Test func olderSnapshotWithoutKubernetesDecodes() throws {
        let old = #"{"version": 1, "sources": ["a"], "securityGroups": [], "eksClusters": []}"#
        let snapshot = try JSONDecoder().decode(Snapshot.self, from: Data(old.utf8))
        #expect(snapshot.sources == ["a"])
        #expect(snapshot.kubernetes.isEmpty)
        #expect(snapshot.accessEntries.isEmpty)
    }

    @Test func kubernetesObjectsRoundTrip() throws {
        let loaded = ManifestLoader.load(file: k8s.appendingPathComponent("bootstrap-rbac/cluster-roles.yaml").path).snapshot
        let data = try JSONEncoder().encode(loaded)
        #expect(try JSONDecoder().decode(Snapshot.self, from: data) == loaded)
    }
}

@Suite struct TemplateDetectionTests {
    @Test func helmTemplatesAreNotManifestsButAWSAuthIs() {
        #expect(ManifestLoader.looksLikeTemplate(Data("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n".utf8)))
        #expect(ManifestLoader.looksLikeTemplate(Data("{{- if .Values.rbac }}\napiVersion: v1\n".utf8)))
        #expect(!ManifestLoader.looksLikeTemplate(Data("data:\n  mapRoles: |\n    - username: system:node:{{EC2PrivateDNSName}}\n".utf8)))
    }
}
