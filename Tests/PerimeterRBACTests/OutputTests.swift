import Foundation
import PerimeterModel
import Testing

@testable import PerimeterRBAC

@Suite struct OutputTests {
    /// The JSON shape the issue specifies: subjects with kind, name, namespace (service accounts) and grants.
    @Test func whoCanJSONShape() throws {
        let queries = RBACQueries(authorizer: RBACAuthorizer(snapshot: SharedData.bootstrap))
        let answer = queries.whoCan(
            AccessRequest.parse(verb: "escalate", resource: "clusterroles", namespace: nil, name: nil, apiGroup: nil))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(RBACOutput.whoCanJSON(answer, errors: []).utf8)) as? [String: Any])
        let subjects = try #require(object["subjects"] as? [[String: Any]])
        #expect(subjects.map { $0["kind"] as? String } == ["Group", "ServiceAccount"])
        #expect(subjects[0]["name"] as? String == "system:masters")
        #expect(subjects[0]["namespace"] == nil)
        #expect(subjects[1]["name"] as? String == "clusterrole-aggregation-controller")
        #expect(subjects[1]["namespace"] as? String == "kube-system")
        let grant = try #require((subjects[1]["grants"] as? [[String: Any]])?.first)
        #expect(grant["via"] as? String == "ClusterRoleBinding/system:controller:clusterrole-aggregation-controller")
        #expect(grant["role"] as? String == "ClusterRole/system:controller:clusterrole-aggregation-controller")
        #expect((grant["rule"] as? [String: Any])?["verbs"] as? [String] == ["escalate", "get", "list", "patch", "update", "watch"])
        #expect((grant["location"] as? [String: Any])?["line"] as? Int != nil)
        #expect(object["scope"] as? String == "cluster")
        #expect((object["request"] as? [String: Any])?["apiGroup"] as? String == "rbac.authorization.k8s.io")
    }

    @Test func subjectSyntax() {
        #expect(SubjectRef.parse("User:alice") == .user("alice"))
        #expect(SubjectRef.parse("Group:system:masters") == .group("system:masters"))
        #expect(SubjectRef.parse("ServiceAccount:kube-system:default") == .serviceAccount(namespace: "kube-system", name: "default"))
        #expect(SubjectRef.parse("system:serviceaccount:ci:runner") == .serviceAccount(namespace: "ci", name: "runner"))
        #expect(SubjectRef.parse("IAM:arn:aws:iam::1:role/x") == .iamPrincipal(arn: "arn:aws:iam::1:role/x"))
        #expect(SubjectRef.parse("alice") == nil)
        #expect(SubjectRef.parse("Robot:r2") == nil)
        #expect(SubjectRef.parse("ServiceAccount:only") == nil)
    }

    @Test func requestParsing() {
        let exec = AccessRequest.parse(verb: "create", resource: "pods/exec", namespace: "x", name: "web", apiGroup: nil)
        #expect(exec.resource == "pods" && exec.subresource == "exec" && exec.apiGroup == "" && exec.name == "web" && exec.namespace == "x")
        let scale = AccessRequest.parse(verb: "update", resource: "deployments.apps/scale", namespace: "x", name: nil, apiGroup: nil)
        #expect(scale.resource == "deployments" && scale.apiGroup == "apps" && scale.subresource == "scale")
        #expect(AccessRequest.parse(verb: "list", resource: "deployments", namespace: nil, name: nil, apiGroup: nil).apiGroup == "apps")
        #expect(
            AccessRequest.parse(verb: "list", resource: "widgets", namespace: nil, name: nil, apiGroup: "example.com").apiGroup
                == "example.com")
        #expect(AccessRequest.parse(verb: "get", resource: "/healthz", namespace: "x", name: nil, apiGroup: nil).path == "/healthz")
        #expect(AccessRequest.parse(verb: "get", resource: "nodes", namespace: "x", name: nil, apiGroup: nil).namespace == "")
        #expect(AccessRequest.parse(verb: "*", resource: "*", namespace: nil, name: nil, apiGroup: nil).apiGroup == "*")
    }

    @Test func matrixAndSummaryOfAServiceAccount() {
        let queries = RBACQueries(authorizer: RBACAuthorizer(snapshot: SharedData.bootstrap))
        let subject = queries.resolve(.serviceAccount(namespace: "kube-system", name: "replicaset-controller"))
        let rows = queries.matrix(subject, namespace: "default")
        let pods = rows.first { $0.resource == "pods" && $0.apiGroup == "" }
        #expect(pods?.cells["create"] == .allowed)
        #expect(pods?.cells["get"] == .denied)
        #expect(rows.first { $0.resource == "replicasets" && $0.apiGroup == "apps" }?.cells["update"] == .allowed)
        let summary = queries.summary(subject)
        // The controller's own binding, and the grants through system:authenticated (rolesum misses those).
        #expect(summary.entries.contains { $0.binding.meta.name == "system:controller:replicaset-controller" && $0.throughGroup == nil })
        #expect(summary.entries.contains { $0.binding.meta.name == "system:discovery" && $0.throughGroup == "system:authenticated" })
        #expect(!summary.masters)

        // The scheduler may update only its own lease outside kube-system: "names", not yes or no.
        let scheduler = queries.resolve(.user("system:kube-scheduler"))
        let leases = queries.matrix(scheduler, namespace: "default").first { $0.resource == "leases" }
        #expect(leases?.cells["update"] == .someNames)
        #expect(leases?.cells["create"] == .allowed)
        #expect(leases?.cells["delete"] == .denied)
    }
}
