import ArgumentParser
import Foundation
import PerimeterTerraform

/// Budgets and confinement for evaluating Terraform: an input written by anyone must end, in bounded
/// memory, reading only the scanned tree and nothing from the environment.
struct EvaluationOptions: ParsableArguments {
    @Option(name: .customLong("max-instances"), help: "Most instances one count or for_each may ask for (default: 10000).")
    var maximumInstances: Int?

    @Option(
        name: .customLong("limit"),
        help:
            "Raise or lower one evaluation limit, as NAME=VALUE (repeatable); NAME is one of \(EvaluationLimits.settableNames.joined(separator: ", "))."
    )
    var limits: [String] = []

    @Flag(
        name: .customLong("allow-outside-files"),
        help:
            "Let file(), templatefile(), fileset() and local module sources read outside the scanned tree (its git repository, or the directory given)."
    )
    var allowOutsideFiles = false

    @Flag(name: .customLong("read-env-vars"), help: "Use TF_VAR_* values from the environment (they may then appear in the report).")
    var readEnvironmentVariables = false

    func validate() throws {
        if let maximumInstances, maximumInstances < 0 { throw ValidationError("--max-instances needs a number of at least 0") }
        var probe = EvaluationLimits()
        for setting in limits {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Int(parts[1]), value >= 0 else {
                throw ValidationError("--limit needs NAME=NUMBER, not '\(setting)'")
            }
            guard probe.set(parts[0], to: value) else {
                throw ValidationError("Unknown limit '\(parts[0])'; one of \(EvaluationLimits.settableNames.joined(separator: ", "))")
            }
        }
    }

    /// Sets the limits, the tree files may be read from, and what is taken from the environment.
    func apply(to inputs: inout VariableInputs, scanned: [String], environment: [String: String]) {
        for setting in limits {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, let value = Int(parts[1]) { _ = inputs.limits.set(parts[0], to: value) }
        }
        if let maximumInstances { inputs.limits.maximumInstances = maximumInstances }
        inputs.limits.allowsFilesOutsideTree = allowOutsideFiles
        inputs.limits.treeRoots = scanned.map { path in
            var isDirectory: ObjCBool = false
            let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), !isDirectory.boolValue else {
                return absolute
            }
            return (absolute as NSString).deletingLastPathComponent
        }
        if readEnvironmentVariables {
            inputs.environment = environment
        } else {
            // Only the names: a CI secret passed as TF_VAR_x must never end up in an address or a message.
            inputs.environment = [:]
            inputs.withheldEnvironment = Set(environment.keys.filter { $0.hasPrefix("TF_VAR_") }.map { String($0.dropFirst(7)) })
        }
    }
}
