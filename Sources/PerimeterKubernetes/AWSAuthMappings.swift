import PerimeterModel
import Yams

/// One entry of aws-auth `mapRoles` or `mapUsers`: an IAM principal and the Kubernetes identity it gets.
public struct AWSAuthMapping: Hashable, Sendable {
    public enum Kind: String, Sendable { case role, user }

    public var kind: Kind
    public var arn: String
    /// May hold templates such as `{{SessionName}}`; empty when the entry sets none.
    public var username: String
    public var groups: [String]
    public var provenance: Provenance
}

/// The parsed aws-auth ConfigMap, with the problems the authenticator would hit.
public struct AWSAuthMappings: Sendable {
    public var mappings: [AWSAuthMapping] = []
    public var accounts: [String] = []
    public var diagnostics: [Diagnostic] = []
    /// Maps that could not be read (unknown in Terraform), in words.
    public var unknowns: [String] = []

    /// Entry keys are case-insensitive, as the authenticator's JSON decoding reads them (`rOlEaRn` works).
    public static func parse(_ configMap: AWSAuthConfigMap) -> AWSAuthMappings {
        var parsed = AWSAuthMappings()
        let source = configMap.provenance.location?.file ?? configMap.provenance.resource
        func read(_ field: Resolved<String>?, name: String) -> [Node] {
            switch field {
            case nil: return []
            case .unknown(let reason)?:
                parsed.unknowns.append("\(name): \(reason)")
                return []
            case .known(let text)?:
                do {
                    return try Yams.compose(yaml: text)?.array() ?? []
                } catch {
                    parsed.diagnostics.append(
                        .error(
                            "aws-auth \(name) is not valid YAML (\(ManifestLoader.diagnostic(for: error, file: source).message)); the authenticator rejects the whole ConfigMap",
                            at: configMap.provenance.location, file: source))
                    return []
                }
            }
        }
        for (name, kind) in [("mapRoles", AWSAuthMapping.Kind.role), ("mapUsers", .user)] {
            let field = name == "mapRoles" ? configMap.mapRoles : configMap.mapUsers
            for entry in read(field, name: name) {
                guard let mapping = entry.mapping else { continue }
                var values: [String: Node] = [:]
                for (key, value) in mapping { if let key = key.string { values[key.lowercased()] = value } }
                guard let arn = values[kind == .role ? "rolearn" : "userarn"]?.string else { continue }
                let groups = values["groups"]?.array().compactMap(\.string) ?? []
                var provenance = configMap.provenance
                // An entry of a block-scalar map is named by its own line in the file.
                if let start = configMap.textStarts?[name], let mark = entry.mark {
                    provenance.location = SourceLocation(file: start.file, line: start.line + mark.line - 1, column: 1)
                }
                parsed.mappings.append(
                    AWSAuthMapping(
                        kind: kind, arn: arn, username: values["username"]?.string ?? "",
                        groups: groups, provenance: provenance))
            }
        }
        parsed.accounts = read(configMap.mapAccounts, name: "mapAccounts").compactMap(\.scalar?.string)
        return parsed
    }
}
