import Foundation
import PerimeterModel

/// Assembles the root module's variable values from every place Terraform reads them.
enum RootVariables {
    static func assemble(config: ModuleConfig, inputs: VariableInputs, evaluator: Evaluator) -> [String: Value] {
        var values: [String: Value] = [:]
        let constantScope = Scope(module: ModuleInstance(path: "", registryKey: "", config: config))

        for (key, raw) in inputs.environment.sorted(by: { $0.key < $1.key }) where key.hasPrefix("TF_VAR_") {
            let name = String(key.dropFirst("TF_VAR_".count))
            guard config.variables[name] != nil else { continue }
            values[name] = parseRaw(raw, for: name, config: config, evaluator: evaluator, scope: constantScope)
        }
        for name in inputs.withheldEnvironment.sorted() where config.variables[name] != nil {
            evaluator.warn(
                "var.\(name) is set in the environment (TF_VAR_\(name)), which perimeter does not read so that no "
                    + "secret reaches a report; pass it with --var or --var-file, or use --read-env-vars", at: nil)
            values[name] = .unknown(Unknown(reason: "var.\(name) comes from the environment, which perimeter does not read"))
        }
        var files = ["terraform.tfvars", "terraform.tfvars.json"].map { PathNormalization.join(config.directory, $0) }
        let autoFiles = ((try? FileManager.default.contentsOfDirectory(atPath: config.directory)) ?? [])
            .filter { $0.hasSuffix(".auto.tfvars") || $0.hasSuffix(".auto.tfvars.json") }
            .sorted()
            .map { PathNormalization.join(config.directory, $0) }
        files += autoFiles
        for file in files where FileManager.default.fileExists(atPath: file) {
            read(file: file, into: &values, evaluator: evaluator, scope: constantScope)
        }
        for assignment in inputs.commandLine {
            switch assignment {
            case .file(let file):
                if FileManager.default.fileExists(atPath: file) {
                    read(file: file, into: &values, evaluator: evaluator, scope: constantScope)
                } else {
                    evaluator.diagnostics.append(.error("Variable file not found", file: file))
                }
            case .value(let name, let raw):
                guard config.variables[name] != nil else {
                    evaluator.diagnostics.append(.warning("--var '\(name)' does not match any variable of the root module"))
                    continue
                }
                values[name] = parseRaw(raw, for: name, config: config, evaluator: evaluator, scope: constantScope)
            }
        }
        return values
    }

    private static func read(file: String, into values: inout [String: Value], evaluator: Evaluator, scope: Scope) {
        guard let parsed = evaluator.loader.parse(file) else { return }
        for attribute in parsed.body.attributes {
            values[attribute.name] = evaluator.evaluateReporting(attribute.expression, in: scope)
        }
    }

    /// Strings stay literal for `string` (and untyped) variables; other types are written in HCL syntax.
    private static func parseRaw(_ raw: String, for name: String, config: ModuleConfig, evaluator: Evaluator, scope: Scope) -> Value {
        let typeExpression = config.variables[name]?.body.attribute("type")?.expression
        let type = typeExpression.map { TypeConstraint($0, evaluateDefault: { _ in nil }) } ?? .any
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        let looksStructured = trimmed.hasPrefix("[") || trimmed.hasPrefix("{")
        if type == .string || (type == .any && !looksStructured) { return .string(raw) }
        let parsed = HCLParser.parseExpression(source: raw, path: "<value for var.\(name)>")
        guard let expression = parsed.expression, parsed.diagnostics.isEmpty else {
            evaluator.diagnostics += parsed.diagnostics
            return .unknown(Unknown(reason: "the value given for var.\(name) does not parse"))
        }
        return evaluator.evaluateReporting(expression, in: scope)
    }
}
