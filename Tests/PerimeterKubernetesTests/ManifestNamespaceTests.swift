import Foundation
import PerimeterModel
import Testing

@testable import PerimeterKubernetes

/// Namespaces as kubectl and kustomize give them: `-n` fills objects without one, a kustomization's
/// `namespace:` overrides, and without either the objects are read in `default` with a warning naming the file.
@Suite struct ManifestNamespaceTests {
    static let objects = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: app-reader}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
        subjects:
        - {kind: ServiceAccount, name: app}
        - {kind: ServiceAccount, name: other, namespace: default}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: app-nodes}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-reader}
        subjects: [{kind: ServiceAccount, name: app, namespace: default}]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: pinned, namespace: tools}
        """

    func directory(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-ns-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func withoutANamespaceTheFileIsNamedInAWarning() {
        let result = ManifestLoader.load(text: Self.objects, file: "install.yaml", origin: .file)
        #expect(result.snapshot.kubernetes.bindings[0].meta.namespace == "default")
        let warnings = result.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 1)
        #expect(warnings.first?.file == "install.yaml")
        #expect(warnings.first?.message.hasPrefix("RoleBinding/app-reader has no metadata.namespace") == true)
        // Objects that carry their namespace, and cluster-scoped ones, need none.
        #expect(
            ManifestLoader.load(
                text: "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: x}\n",
                file: "a.yaml", origin: .file
            ).diagnostics.isEmpty)
    }

    @Test func givenNamespaceFillsOnlyObjectsWithoutOne() {
        let result = ManifestLoader.load(
            text: Self.objects, file: "install.yaml", origin: .file,
            namespace: ManifestNamespace(given: "argocd"))
        #expect(result.diagnostics.isEmpty)
        let objects = result.snapshot.kubernetes
        #expect(objects.bindings[0].meta.namespace == "argocd")
        #expect(objects.bindings[0].subjects.map(\.namespace) == ["", "default"]) // the RoleBinding's namespace applies later
        #expect(objects.bindings[1].meta.namespace == "")
        #expect(objects.serviceAccounts[0].namespace == "tools")
    }

    @Test func kustomizationNamespaceOverridesAndMovesDefaultSubjects() throws {
        let root = try directory([
            "overlays/prod/kustomization.yaml": "namespace: prod\nresources:\n- ../../base\n",
            "base/kustomization.yaml": "resources:\n- ./rbac.yaml\n- sub/more.yaml\n",
            "base/rbac.yaml": Self.objects,
            "base/sub/more.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: more}\n",
            "base/unlisted.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: stray}\n"
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        // The overlay is among the files and lists the base beside it: the overlay's namespace reaches the base.
        let rbac = root.appendingPathComponent("base/rbac.yaml").path
        let more = root.appendingPathComponent("base/sub/more.yaml").path
        let stray = root.appendingPathComponent("base/unlisted.yaml").path
        let overlay = root.appendingPathComponent("overlays/prod/kustomization.yaml").path
        #expect(KustomizationNamespaces.namespaces(for: [rbac, more, stray, overlay]) == [rbac: "prod", more: "prod"])
        // Without the overlay among the inputs the base sets none.
        #expect(KustomizationNamespaces.namespaces(for: [rbac, more, stray]).isEmpty)

        let nested = try directory([
            "kustomization.yaml": "namespace: shop\nresources:\n- base\n- extra.yaml\n",
            "extra.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: extra, namespace: elsewhere}\n",
            "base/kustomization.yaml": "resources:\n- rbac.yaml\n",
            "base/rbac.yaml": Self.objects,
            "base/unlisted.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: stray}\n"
        ])
        defer { try? FileManager.default.removeItem(at: nested) }
        let files = ["base/rbac.yaml", "extra.yaml", "base/unlisted.yaml"].map { nested.appendingPathComponent($0).path }
        let namespaces = KustomizationNamespaces.namespaces(for: files)
        #expect(namespaces == [files[0]: "shop", files[1]: "shop"])
        let loaded = ManifestLoader.load(file: files[0], namespace: ManifestNamespace(kustomization: "shop", given: "ignored"))
        let objects = loaded.snapshot.kubernetes
        #expect(loaded.diagnostics.isEmpty)
        #expect(objects.bindings[0].meta.namespace == "shop")
        #expect(objects.bindings[0].subjects.map(\.namespace) == ["shop", "shop"])
        #expect(objects.bindings[1].subjects.map(\.namespace) == ["shop"])
        #expect(objects.serviceAccounts[0].namespace == "shop") // kustomize overrides what the object says
        let extra = ManifestLoader.load(file: files[1], namespace: ManifestNamespace(kustomization: namespaces[files[1]]))
        #expect(extra.snapshot.kubernetes.serviceAccounts[0].namespace == "shop")
    }

    @Test func subjectsAndMapRolesEntriesCarryTheirLines() throws {
        let result = ManifestLoader.load(
            text: """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: aws-auth, namespace: kube-system}
                data:
                  mapRoles: |
                    - rolearn: arn:aws:iam::111122223333:role/node
                      username: system:node:{{EC2PrivateDNSName}}
                      groups: [system:bootstrappers, system:nodes]
                    - rolearn: arn:aws:iam::111122223333:role/admin
                      groups:
                        - system:masters
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: x}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                subjects:
                - kind: User
                  name: alice
                - kind: Group
                  name: ops
                """, file: "cluster.yaml", origin: .file)
        let mappings = AWSAuthMappings.parse(try #require(result.snapshot.awsAuthConfigMaps.first)).mappings
        #expect(mappings.map { $0.provenance.location?.line } == [6, 9])
        #expect(mappings.map(\.provenance.location?.file) == ["cluster.yaml", "cluster.yaml"])
        #expect(result.snapshot.kubernetes.bindings[0].subjects.map { $0.location?.line } == [18, 20])
    }
}
