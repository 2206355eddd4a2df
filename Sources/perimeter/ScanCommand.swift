import ArgumentParser
import Foundation
import PerimeterChecks
import PerimeterModel
import PerimeterReport
import PerimeterScan
import PerimeterTerraform

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan Terraform, plans, snapshots, gcloud output, manifests and kubelet files; report every gap with the line to change.",
        discussion: """
            Inputs are detected: a directory of .tf files (each root module in it, with terraform.tfvars and \
            *.auto.tfvars), `terraform show -json` output, a snapshot from `perimeter collect`, `gcloud container \
            clusters|node-pools describe|list` and `gcloud compute firewall-rules list` JSON, KubeletConfiguration \
            and nodeadm NodeConfig files, kubelet flags, user data, kubelet /metrics text, and Kubernetes manifests \
            or `kubectl get -o json` dumps (RBAC, aws-auth, workloads, APIServices and webhooks). Each input is \
            checked on its own; NET-006 also joins the cluster objects with each network input.

            Exit status: 0 no finding at or above --fail-on; 1 findings at or above it; 2 an input or usage \
            error (the findings of the good inputs are still reported).

            Silence one finding with a comment above the rule or resource:
              # perimeter:ignore NET-002 VPN range reviewed by the network team

            Examples:
              perimeter scan environments/prod
              perimeter scan . --var-file prod.tfvars --var cluster_name=prod
              terraform show -json tfplan > plan.json
              perimeter scan plan.json --fail-on high
              perimeter scan infra/ --format sarif --output perimeter.sarif
              perimeter scan snapshot.json
              perimeter scan --aws --cluster prod --region eu-west-1
            """
    )

    @Argument(help: "Directories or files to scan (default: the current directory, unless --aws is given).")
    var paths: [String] = []

    @Flag(help: "Also read the live state of an EKS cluster from AWS (needs --cluster).")
    var aws = false

    @OptionGroup(title: "Live AWS") var awsOptions: AWSOptions

    @OptionGroup var report: ReportOptions

    @Option(name: .customLong("check"), help: "Run only this check (repeatable).")
    var checks: [String] = []

    @Option(name: .customLong("skip-check"), help: "Do not run this check (repeatable).")
    var skippedChecks: [String] = []

    @Option(name: .customLong("var"), help: "Set a root module variable, as NAME=VALUE (repeatable).")
    var variables: [String] = []

    @Flag(
        name: .customLong("fail-on-undecided"),
        help: "Exit 1 when a check is left undecided (a value known only after apply) or a module call is not read.")
    var failOnUndecided = false

    @Option(name: .customLong("var-file"), help: "Read root module variables from a .tfvars file (repeatable).")
    var variableFiles: [String] = []

    @OptionGroup(title: "Module sources") var modules: ModuleDownloadOptions

    @OptionGroup(title: "Evaluation limits") var evaluation: EvaluationOptions

    @OptionGroup(title: "Kubernetes") var kubernetes: KubernetesVersionOption

    @Option(
        name: .shortAndLong,
        help:
            "Namespace of manifests' namespaced objects that name none, as `kubectl apply -n` gives it (a kustomization's namespace still wins)."
    )
    var namespace: String?

    func validate() throws {
        if aws { try awsOptions.validate(requireCluster: true) }
        if !aws && awsOptions.cluster != nil { throw ValidationError("--cluster reads AWS only with --aws") }
        for id in checks + skippedChecks where CheckRegistry.check(id: id) == nil {
            throw ValidationError("Unknown check '\(id)'; 'perimeter checks' lists them")
        }
        for assignment in variables where !assignment.contains("=") {
            throw ValidationError("--var needs NAME=VALUE, not '\(assignment)'")
        }
    }

    func run() async throws {
        let selected = CheckRegistry.all.filter { check in
            let id = check.description.id
            return (checks.isEmpty || checks.contains { $0.uppercased() == id }) && !skippedChecks.contains { $0.uppercased() == id }
        }
        // AWS failing is one input error: the findings of every other input are still reported.
        var live: [Snapshot] = []
        var awsGap: [Diagnostic] = []
        if aws {
            switch await awsOptions.collectOrGap() {
            case .success(let snapshot): live = [snapshot]
            case .failure(let gap): awsGap = [gap]
            }
        }
        let scanned = paths.isEmpty && !aws ? ["."] : paths
        var options = ScanOptions(
            paths: scanned, variables: variableInputs(), checks: selected, snapshots: live,
            moduleSources: modules.resolver)
        options.kubernetesPolicy = kubernetes.policy
        options.namespace = namespace
        let showProgress = isatty(STDERR_FILENO) == 1
        var result = Scanner.scan(options) { line in
            if showProgress { FileHandle.standardError.write(Data("\u{1B}[2K\rscanning \(line)".utf8)) }
        }
        if showProgress { FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8)) }
        result.diagnostics += awsGap

        let report = ScanReport(
            findings: result.findings, diagnostics: result.diagnostics,
            checks: selected.map(\.description), inputs: scanned + live.flatMap(\.sources),
            toolVersion: PerimeterVersion.current, suppressed: result.suppressed.count,
            sourceRoot: FileManager.default.currentDirectoryPath
        ).with(skipped: result.skipped)
            .with(undecided: result.undecided, coverage: result.coverage)
        try ReportOutput.write(report, format: self.report.format, output: self.report.output)
        if self.report.format != .table || self.report.output != nil {
            // Errors must reach a person even when the report goes to a machine.
            for diagnostic in result.diagnostics where diagnostic.severity == .error {
                FileHandle.standardError.write(Data("\(TerminalText.safe(diagnostic.description))\n".utf8))
            }
        }
        if result.hasErrors { throw ExitCode(2) }
        if failOnUndecided, !result.undecided.isEmpty { throw ExitCode(1) }
        if let threshold = self.report.failOn.severity, result.findings.contains(where: { $0.severity >= threshold }) {
            throw ExitCode(1)
        }
    }

    private func variableInputs() -> VariableInputs {
        // Files first, then single values: a --var always wins over a --var-file.
        let files = variableFiles.map { VariableInputs.Assignment.file($0) }
        let values = variables.map { assignment -> VariableInputs.Assignment in
            let parts = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return .value(name: String(parts[0]), raw: parts.count > 1 ? String(parts[1]) : "")
        }
        var inputs = VariableInputs(commandLine: files + values)
        evaluation.apply(to: &inputs, scanned: paths.isEmpty ? ["."] : paths, environment: ProcessInfo.processInfo.environment)
        return inputs
    }
}

enum FailThreshold: String, ExpressibleByArgument, CaseIterable {
    case critical, high, medium, low, info, never

    var severity: Severity? { Severity(rawValue: rawValue) }
}

extension OutputFormat: ExpressibleByArgument {}
