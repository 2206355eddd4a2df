import Foundation

/// How credentials are obtained, decided without network: the pure half of the credential chain.
public indirect enum CredentialSource: Sendable, Hashable {
    case keys(AWSCredentials)
    /// `credential_process`: run the command, read its JSON.
    case process(command: String, profile: String)
    /// `role_arn` with `source_profile` (or `credential_source = Environment`): call STS AssumeRole with `source`.
    case assumeRole(roleArn: String, sessionName: String, externalID: String?, source: CredentialSource, profile: String)
}

/// Why credentials or a region could not be found: one line a person can act on.
public struct CredentialError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The credential chain of the AWS CLI, in its order: an explicit `--profile` first; else the environment
/// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`); else `AWS_PROFILE` or `default` from
/// the shared `credentials` and `config` files, with `credential_process` and `role_arn` + `source_profile`.
public struct CredentialChain: Sendable {
    public var environment: [String: String]
    public var config: SharedConfigFile
    public var credentials: SharedConfigFile

    public init(environment: [String: String], config: SharedConfigFile, credentials: SharedConfigFile) {
        self.environment = environment
        self.config = config
        self.credentials = credentials
    }

    /// Reads the files named by `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`.
    public init(environment: [String: String]) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let configPath = environment["AWS_CONFIG_FILE"] ?? "\(home)/.aws/config"
        let credentialsPath = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "\(home)/.aws/credentials"
        self.init(
            environment: environment, config: SharedConfigFile(path: configPath, kind: .config),
            credentials: SharedConfigFile(path: credentialsPath, kind: .credentials))
    }

    public func resolve(profile explicitProfile: String?) throws -> CredentialSource {
        if let explicitProfile { return try source(profile: explicitProfile, visited: []) }
        if let keys = environmentKeys() { return .keys(keys) }
        let name = nonEmpty(environment["AWS_PROFILE"]) ?? "default"
        guard profileExists(name) else {
            throw CredentialError(
                "No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give "
                    + "--profile NAME for a profile in ~/.aws/credentials or ~/.aws/config"
                    + (name == "default" ? "" : " (AWS_PROFILE '\(name)' is in neither file)"))
        }
        return try source(profile: name, visited: [])
    }

    /// `--region`, else `AWS_REGION`, `AWS_DEFAULT_REGION`, else the profile's `region`.
    public func region(explicit: String?, profile explicitProfile: String?) -> String? {
        if let explicit = nonEmpty(explicit) { return explicit }
        if let region = nonEmpty(environment["AWS_REGION"]) ?? nonEmpty(environment["AWS_DEFAULT_REGION"]) { return region }
        let name = explicitProfile ?? nonEmpty(environment["AWS_PROFILE"]) ?? "default"
        return nonEmpty(setting("region", profile: name))
    }

    // MARK: Profiles

    private func profileExists(_ name: String) -> Bool {
        config.profiles[name] != nil || credentials.profiles[name] != nil
    }

    /// The credentials file wins over the config file for the same key, as in the AWS CLI.
    private func setting(_ key: String, profile: String) -> String? {
        credentials.profiles[profile]?[key] ?? config.profiles[profile]?[key]
    }

    private func source(profile name: String, visited: Set<String>) throws -> CredentialSource {
        guard profileExists(name) else {
            throw CredentialError("AWS profile '\(name)' not found in ~/.aws/credentials or ~/.aws/config")
        }
        guard !visited.contains(name) else {
            throw CredentialError("AWS profile '\(name)': source_profile chain loops back to itself")
        }
        if let roleArn = nonEmpty(setting("role_arn", profile: name)) {
            let sessionName = nonEmpty(setting("role_session_name", profile: name)) ?? "perimeter"
            let externalID = nonEmpty(setting("external_id", profile: name))
            let base: CredentialSource
            if let sourceProfile = nonEmpty(setting("source_profile", profile: name)) {
                // A source profile's own role is not followed when it also has keys, as in the AWS CLI.
                if sourceProfile == name || staticKeys(profile: sourceProfile) != nil {
                    guard let keys = staticKeys(profile: sourceProfile) else {
                        throw CredentialError("AWS profile '\(name)': source_profile '\(sourceProfile)' has no keys")
                    }
                    base = .keys(keys)
                } else {
                    base = try source(profile: sourceProfile, visited: visited.union([name]))
                }
            } else if setting("credential_source", profile: name)?.lowercased() == "environment" {
                guard let keys = environmentKeys() else {
                    throw CredentialError("AWS profile '\(name)': credential_source = Environment but AWS_ACCESS_KEY_ID is not set")
                }
                base = .keys(keys)
            } else {
                throw CredentialError("AWS profile '\(name)': role_arn needs source_profile or credential_source = Environment")
            }
            return .assumeRole(roleArn: roleArn, sessionName: sessionName, externalID: externalID, source: base, profile: name)
        }
        if let keys = staticKeys(profile: name) { return .keys(keys) }
        if let command = nonEmpty(setting("credential_process", profile: name)) {
            return .process(command: command, profile: name)
        }
        throw CredentialError("AWS profile '\(name)' has no credentials (aws_access_key_id, credential_process or role_arn)")
    }

    private func staticKeys(profile name: String) -> AWSCredentials? {
        guard let id = nonEmpty(setting("aws_access_key_id", profile: name)),
            let secret = nonEmpty(setting("aws_secret_access_key", profile: name))
        else { return nil }
        return AWSCredentials(
            accessKeyID: id, secretAccessKey: secret,
            sessionToken: nonEmpty(setting("aws_session_token", profile: name)), source: "profile \(name)")
    }

    private func environmentKeys() -> AWSCredentials? {
        guard let id = nonEmpty(environment["AWS_ACCESS_KEY_ID"]),
            let secret = nonEmpty(environment["AWS_SECRET_ACCESS_KEY"])
        else { return nil }
        return AWSCredentials(
            accessKeyID: id, secretAccessKey: secret,
            sessionToken: nonEmpty(environment["AWS_SESSION_TOKEN"]), source: "environment")
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
