import ArgumentParser
import Foundation
import PerimeterModel
import PerimeterRBAC
import PerimeterScan

struct RBACCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rbac",
        abstract: "Effective RBAC permissions, by action or by subject, with the API server's semantics.",
        discussion: """
            INPUTS are Kubernetes manifests (YAML, multi-document, Helm output), `kubectl get -o json` dumps, \
            snapshots from `perimeter collect kube`, and Terraform that writes aws-auth or EKS access entries.

            SUBJECT is written KIND:NAME:
              User:alice
              Group:system:masters
              ServiceAccount:NS:NAME  (or system:serviceaccount:NS:NAME)
              IAM:ARN                 (an EKS principal from aws-auth or access entries)
            Users get system:authenticated (system:anonymous gets system:unauthenticated); service accounts \
            also get system:serviceaccounts and system:serviceaccounts:NS, as the API server adds them.
            """,
        subcommands: [WhoCan.self, Can.self, Matrix.self, Summary.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    struct Inputs: ParsableArguments {
        @Argument(help: "Manifests, List dumps, snapshots or Terraform to read.")
        var inputs: [String] = []

        @Option(help: "Output format: table or json.")
        var format: Format = .table

        @OptionGroup var kubernetes: KubernetesVersionOption

        @Option(
            name: .customLong("manifest-namespace"),
            help: "Namespace of manifests' namespaced objects that name none, as `kubectl apply -n` gives it (-n is the request's).")
        var manifestNamespace: String?

        func load() throws -> (RBACQueries, [Diagnostic]) {
            guard !inputs.isEmpty else { throw ValidationError("Give the manifests, dumps or snapshots to read") }
            let loaded = SnapshotLoader.load(inputs, namespace: manifestNamespace)
            let authorizer = RBACAuthorizer(snapshot: loaded.snapshot, policy: kubernetes.policy)
            return (RBACQueries(authorizer: authorizer), loaded.diagnostics)
        }
    }

    struct RequestOptions: ParsableArguments {
        @Option(name: .shortAndLong, help: "Namespace of the request; without it the request is cluster-wide.")
        var namespace: String?

        @Option(help: "Name of the object (resourceNames).")
        var name: String?

        @Option(name: .customLong("api-group"), help: "API group of RESOURCE ('' for core); default: from RESOURCE or the built-in table.")
        var apiGroup: String?
    }

    /// Prints errors after the answer, and exits 2 when an input was bad (the answer of the good ones stands).
    static func finish(_ diagnostics: [Diagnostic], allowed: Bool? = nil) throws {
        for diagnostic in diagnostics where diagnostic.severity == .error || diagnostic.severity == .warning {
            FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(2) }
        if allowed == false { throw ExitCode(1) }
    }

    static func subject(_ text: String) throws -> SubjectRef {
        guard let subject = SubjectRef.parse(text) else {
            throw ValidationError("Unknown subject '\(text)'; write User:NAME, Group:NAME, ServiceAccount:NS:NAME or IAM:ARN")
        }
        return subject
    }

    struct WhoCan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "who-can",
            abstract: "Every subject that may make a request, with the binding, role and rule that grant it.",
            discussion: """
                RESOURCE as `kubectl auth can-i` writes it: pods, pods/exec, deployments.apps, '*', or a \
                non-resource URL such as /healthz. Without -n the request is cluster-wide (only ClusterRoleBindings \
                count); with -n it is in that namespace.

                Examples:
                  perimeter rbac who-can create pods cluster-rbac/
                  perimeter rbac who-can get secrets -n kube-system --name aws-creds dump.json
                  perimeter rbac who-can get /healthz snapshot.json --format json
                """
        )

        @Argument(help: "The verb: get, list, create, escalate, impersonate, '*' ...")
        var verb: String
        @Argument(help: "The resource, as kubectl auth can-i writes it.")
        var resource: String
        @OptionGroup var request: RequestOptions
        @OptionGroup var inputs: Inputs

        @Option(
            name: .customLong("repeat"),
            help: "Answer the query this many times on the built index and print the time per query (benchmarks).")
        var repeatCount: Int = 0

        func run() throws {
            let started = Date()
            let (queries, diagnostics) = try inputs.load()
            let loaded = Date()
            let access = AccessRequest.parse(
                verb: verb, resource: resource, namespace: request.namespace, name: request.name,
                apiGroup: request.apiGroup)
            var answer = queries.whoCan(access)
            if repeatCount > 0 {
                let clock = ContinuousClock()
                let elapsed = clock.measure {
                    for _ in 0..<repeatCount { answer = queries.whoCan(access) }
                }
                let perQuery =
                    Double(elapsed.components.attoseconds) / 1e15 / Double(repeatCount) + Double(elapsed.components.seconds) * 1000
                    / Double(repeatCount)
                let rules = queries.authorizer.effectiveRules.reduce(0) { $0 + $1.count }
                FileHandle.standardError.write(
                    Data(
                        String(
                            format: "%d rules, %d bindings; load+index %.0f ms; who-can %.3f ms/query over %d queries\n",
                            rules, queries.authorizer.bindings.count, loaded.timeIntervalSince(started) * 1000,
                            perQuery, repeatCount
                        ).utf8))
            }
            print(
                inputs.format == .json
                    ? RBACOutput.whoCanJSON(answer, errors: diagnostics.filter { $0.severity == .error })
                    : RBACOutput.whoCanTable(answer))
            try RBACCommand.finish(diagnostics)
        }
    }

    struct Can: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "can",
            abstract: "Whether a subject may make a request, and why. Exit 0 yes, 1 no, 2 bad input.",
            discussion: """
                Examples:
                  perimeter rbac can ServiceAccount:ci:deployer create pods -n prod manifests/
                  perimeter rbac can User:alice get nodes/proxy --group ops dump.json
                """
        )

        @Argument(help: "User:NAME, Group:NAME, ServiceAccount:NS:NAME or IAM:ARN.")
        var subject: String
        @Argument var verb: String
        @Argument var resource: String
        @OptionGroup var request: RequestOptions
        @Option(name: .customLong("group"), help: "An extra group of the subject (repeatable).")
        var groups: [String] = []
        @OptionGroup var inputs: Inputs

        func run() throws {
            let ref = try RBACCommand.subject(subject)
            let (queries, diagnostics) = try inputs.load()
            let resolved = queries.resolve(ref, extraGroups: groups)
            let access = AccessRequest.parse(
                verb: verb, resource: resource, namespace: request.namespace, name: request.name,
                apiGroup: request.apiGroup)
            let grants = queries.can(resolved, access)
            print(inputs.format == .json ? RBACOutput.canJSON(resolved, access, grants) : RBACOutput.canTable(resolved, access, grants))
            try RBACCommand.finish(diagnostics, allowed: !grants.isEmpty)
        }
    }

    struct Matrix: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "matrix",
            abstract: "Resources × verbs a subject may use, like access-matrix.",
            discussion: "Example:\n  perimeter rbac matrix ServiceAccount:kube-system:replicaset-controller -n default rbac/"
        )

        @Argument(help: "User:NAME, Group:NAME, ServiceAccount:NS:NAME or IAM:ARN.")
        var subject: String
        @Option(name: .shortAndLong, help: "Namespace; without it, cluster-wide.")
        var namespace: String?
        @Option(name: .customLong("group"), help: "An extra group of the subject (repeatable).")
        var groups: [String] = []
        @OptionGroup var inputs: Inputs

        func run() throws {
            let ref = try RBACCommand.subject(subject)
            let (queries, diagnostics) = try inputs.load()
            let resolved = queries.resolve(ref, extraGroups: groups)
            let rows = queries.matrix(resolved, namespace: namespace)
            print(
                inputs.format == .json
                    ? RBACOutput.matrixJSON(resolved, namespace: namespace, rows)
                    : RBACOutput.matrixTable(resolved, namespace: namespace, rows))
            try RBACCommand.finish(diagnostics)
        }
    }

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "summary",
            abstract: "Every binding that applies to a subject, in every namespace and through implicit groups, like rolesum.",
            discussion: "Example:\n  perimeter rbac summary ServiceAccount:kube-system:default rbac/"
        )

        @Argument(help: "User:NAME, Group:NAME, ServiceAccount:NS:NAME or IAM:ARN.")
        var subject: String
        @Option(name: .customLong("group"), help: "An extra group of the subject (repeatable).")
        var groups: [String] = []
        @OptionGroup var inputs: Inputs

        func run() throws {
            let ref = try RBACCommand.subject(subject)
            let (queries, diagnostics) = try inputs.load()
            let resolved = queries.resolve(ref, extraGroups: groups)
            let summary = queries.summary(resolved)
            print(inputs.format == .json ? RBACOutput.summaryJSON(resolved, summary) : RBACOutput.summaryTable(resolved, summary))
            try RBACCommand.finish(diagnostics)
        }
    }
}
