import Foundation
import Testing

/// `perimeter rbac` and `collect kube` as a user runs them, on the real bootstrap policy.
@Suite struct RBACCommandTests {
    static let bootstrap = "../shared/data/k8s/bootstrap-rbac"

    @Test func whoCanTableAndJSON() throws {
        let table = try CLI.run(["rbac", "who-can", "get", "nodes/proxy", Self.bootstrap])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("who can get nodes/proxy cluster-wide: 4 subject(s)"))
        #expect(table.stdout.contains("ServiceAccount kube-system/podcheckpoint-controller"))
        let json = try CLI.run(["rbac", "who-can", "create", "pods", "-n", "kube-system", Self.bootstrap, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let subjects = try #require(object["subjects"] as? [[String: Any]])
        #expect(subjects.count == 7)
        #expect(subjects.allSatisfy { ($0["grants"] as? [Any])?.isEmpty == false })
        #expect(object["scope"] as? String == "kube-system")
    }

    @Test func canExitsZeroForYesAndOneForNo() throws {
        let yes = try CLI.run(["rbac", "can", "User:system:kube-scheduler", "create", "pods/binding", "-n", "default", Self.bootstrap])
        #expect(yes.status == 0)
        #expect(yes.stdout.hasPrefix("yes"))
        let no = try CLI.run([
            "rbac", "can", "system:serviceaccount:kube-system:replicaset-controller", "get", "secrets", "-n", "default", Self.bootstrap
        ])
        #expect(no.status == 1)
        #expect(no.stdout.hasPrefix("no"))
        let masters = try CLI.run([
            "rbac", "can", "User:root", "impersonate", "users", "--group", "system:masters", Self.bootstrap, "--format", "json"
        ])
        #expect(masters.status == 0)
        #expect(masters.stdout.contains("\"allowed\" : true"))
    }

    @Test func matrixAndSummary() throws {
        let matrix = try CLI.run(["rbac", "matrix", "ServiceAccount:kube-system:replicaset-controller", "-n", "default", Self.bootstrap])
        #expect(matrix.status == 0)
        #expect(matrix.stdout.contains("replicasets.apps"))
        let summary = try CLI.run(["rbac", "summary", "ServiceAccount:kube-system:namespace-controller", Self.bootstrap, "--format", "json"]
        )
        #expect(summary.status == 0)
        #expect(summary.stdout.contains("system:controller:namespace-controller"))
        #expect(summary.stdout.contains("\"throughGroup\" : \"system:authenticated\""))
    }

    @Test func badInputsExitTwoAndKeepTheAnswerOfGoodOnes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-rbac-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("bad.yaml").path
        try "apiVersion: v1\nkind: [Role\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let run = try CLI.run(["rbac", "who-can", "escalate", "clusterroles", Self.bootstrap, bad])
        #expect(run.status == 2)
        #expect(run.stdout.contains("clusterrole-aggregation-controller"))
        #expect(run.stderr.contains("bad.yaml:3:"))
        let subject = try CLI.run(["rbac", "can", "Robot:r2", "get", "pods", Self.bootstrap])
        #expect(subject.status == 2)
        #expect(subject.stderr.contains("Unknown subject 'Robot:r2'"))
        let none = try CLI.run(["rbac", "who-can", "get", "pods"])
        #expect(none.status == 2)
    }

    @Test func collectKubeWithoutAServerIsOneClearError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("perimeter-collect-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config").path
        try """
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:9", insecure-skip-tls-verify: true}}]
        users: [{name: u, user: {token: do-not-print-me}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        current-context: c
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let run = try CLI.run([
            "collect", "kube", "--kubeconfig", config, "-o", directory.appendingPathComponent("out.json").path, "--timeout", "2"
        ])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error"))
        #expect(!run.stderr.contains("do-not-print-me"))
        let missing = try CLI.run(["collect", "kube", "--kubeconfig", config, "--context", "nope", "-o", "/dev/null"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Context 'nope' is not in"))
    }

    /// Defaults are recognised by content against the shipped policy: the one object of this copy that no
    /// release ships (the PodCheckpoint proof of concept's nodes/proxy role) is reported, labelled or not.
    @Test func scanOfTheBootstrapPolicyReportsOnlyTheUnreleasedRole() throws {
        let run = try CLI.run(["scan", Self.bootstrap, "--format", "json"])
        #expect(run.status == 1)
        #expect(run.stdout.components(separatedBy: "\"ruleId\"").count == 2)
        #expect(run.stdout.contains("\"ClusterRoleBinding/system:controller:podcheckpoint-controller\""))
    }
}
