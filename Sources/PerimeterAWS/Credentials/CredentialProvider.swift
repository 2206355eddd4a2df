import Foundation

/// Turns a `CredentialSource` into keys: runs `credential_process`, calls STS AssumeRole.
enum CredentialProvider {
    static func credentials(for source: CredentialSource, region: String, options: AWSClientOptions) async throws -> AWSCredentials {
        switch source {
        case .keys(let keys):
            return keys
        case .process(let command, let profile):
            return try CredentialProcess.run(command: command, profile: profile)
        case .assumeRole(let roleArn, let sessionName, let externalID, let base, let profile):
            let baseKeys = try await credentials(for: base, region: region, options: options)
            let client = AWSClient(credentials: baseKeys, region: region, options: options)
            var parameters = [("RoleArn", roleArn), ("RoleSessionName", sessionName), ("DurationSeconds", "3600")]
            if let externalID { parameters.append(("ExternalId", externalID)) }
            let answer: XMLElement
            do {
                answer = try await client.query(.sts, "AssumeRole", parameters)
            } catch let error as AWSCallError {
                throw CredentialError("AWS profile '\(profile)': cannot assume \(roleArn) with \(baseKeys): \(error)")
            }
            guard let keys = answer.find("Credentials"), let id = keys.string("AccessKeyId"),
                let secret = keys.string("SecretAccessKey")
            else {
                throw CredentialError("AWS profile '\(profile)': STS AssumeRole answered without credentials")
            }
            return AWSCredentials(
                accessKeyID: id, secretAccessKey: secret, sessionToken: keys.string("SessionToken"),
                expiration: keys.string("Expiration").flatMap { ISO8601DateFormatter().date(from: $0) },
                source: "role \(roleArn) assumed through profile \(profile)")
        }
    }
}
