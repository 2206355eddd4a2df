import Foundation
import Testing

@testable import PerimeterAWS

@Suite struct CredentialChainTests {
    static let config = SharedConfigFile(
        text: """
            [default]
            region = eu-west-1

            [profile dev]
            region = ap-northeast-2 # Seoul
            s3 =
              max_concurrent_requests = 20

            [profile admin]
            role_arn = arn:aws:iam::123456789012:role/admin
            source_profile = dev
            external_id = ext-1
            role_session_name = audit

            [profile tool]
            credential_process = /usr/local/bin/get-creds --json

            [profile env-role]
            role_arn = arn:aws:iam::123456789012:role/ci
            credential_source = Environment

            [profile loop-a]
            role_arn = arn:aws:iam::123456789012:role/a
            source_profile = loop-b

            [profile loop-b]
            role_arn = arn:aws:iam::123456789012:role/b
            source_profile = loop-a

            [sso-session corp]
            sso_region = us-east-1
            """, kind: .config)

    static let credentials = SharedConfigFile(
        text: """
            # keys
            [default]
            aws_access_key_id = AKIADEFAULT
            aws_secret_access_key = default-secret

            [dev]
            aws_access_key_id=AKIADEV
            aws_secret_access_key=dev-secret
            aws_session_token=dev-token
            """, kind: .credentials)

    func chain(_ environment: [String: String] = [:]) -> CredentialChain {
        CredentialChain(environment: environment, config: Self.config, credentials: Self.credentials)
    }

    @Test func parsesProfilesOfBothFiles() {
        #expect(Self.config.profiles["dev"]?["region"] == "ap-northeast-2")
        #expect(Self.config.profiles["dev"]?["max_concurrent_requests"] == nil)
        #expect(Self.config.profiles["corp"] == nil)
        #expect(Self.credentials.profiles["dev"]?["aws_session_token"] == "dev-token")
    }

    @Test func environmentKeysWinWithoutAnExplicitProfile() throws {
        let source = try chain([
            "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret",
            "AWS_SESSION_TOKEN": "env-token", "AWS_PROFILE": "dev"
        ]).resolve(profile: nil)
        guard case .keys(let keys) = source else {
            Issue.record("expected keys, got \(source)")
            return
        }
        #expect(keys.accessKeyID == "AKIAENV")
        #expect(keys.sessionToken == "env-token")
        #expect(keys.source == "environment")
    }

    @Test func explicitProfileWinsOverTheEnvironment() throws {
        let source = try chain(["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret"]).resolve(profile: "dev")
        guard case .keys(let keys) = source else {
            Issue.record("expected keys")
            return
        }
        #expect(keys.accessKeyID == "AKIADEV")
        #expect(keys.sessionToken == "dev-token")
    }

    @Test func awsProfileThenDefault() throws {
        if case .keys(let keys) = try chain(["AWS_PROFILE": "dev"]).resolve(profile: nil) {
            #expect(keys.accessKeyID == "AKIADEV")
        } else {
            Issue.record("AWS_PROFILE not used")
        }
        if case .keys(let keys) = try chain().resolve(profile: nil) {
            #expect(keys.accessKeyID == "AKIADEFAULT")
        } else {
            Issue.record("default not used")
        }
    }

    @Test func roleWithSourceProfileAssumesThroughSTS() throws {
        let source = try chain().resolve(profile: "admin")
        guard case .assumeRole(let role, let session, let external, .keys(let base), let profile) = source else {
            Issue.record("expected assumeRole, got \(source)")
            return
        }
        #expect(role == "arn:aws:iam::123456789012:role/admin")
        #expect(session == "audit")
        #expect(external == "ext-1")
        #expect(base.accessKeyID == "AKIADEV")
        #expect(profile == "admin")
    }

    @Test func credentialProcessAndEnvironmentSource() throws {
        #expect(try chain().resolve(profile: "tool") == .process(command: "/usr/local/bin/get-creds --json", profile: "tool"))
        let source = try chain(["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "s"]).resolve(profile: "env-role")
        guard case .assumeRole(_, _, _, .keys(let base), _) = source else {
            Issue.record("expected assumeRole")
            return
        }
        #expect(base.accessKeyID == "AKIAENV")
    }

    @Test func clearErrors() {
        let none = CredentialChain(
            environment: [:], config: SharedConfigFile(text: "", kind: .config),
            credentials: SharedConfigFile(text: "", kind: .credentials))
        #expect(throws: CredentialError.self) { try none.resolve(profile: nil) }
        do {
            _ = try none.resolve(profile: nil)
        } catch {
            #expect("\(error)".contains("No AWS credentials found"))
        }
        #expect(throws: CredentialError.self) { try chain().resolve(profile: "missing") }
        #expect(throws: CredentialError.self) { try chain().resolve(profile: "loop-a") }
        #expect(throws: CredentialError.self) { try chain().resolve(profile: "env-role") }
    }

    @Test func regionOrder() {
        #expect(chain(["AWS_REGION": "us-west-2"]).region(explicit: "sa-east-1", profile: "dev") == "sa-east-1")
        #expect(chain(["AWS_REGION": "us-west-2", "AWS_DEFAULT_REGION": "x"]).region(explicit: nil, profile: "dev") == "us-west-2")
        #expect(chain().region(explicit: nil, profile: "dev") == "ap-northeast-2")
        #expect(chain().region(explicit: nil, profile: nil) == "eu-west-1")
        #expect(chain().region(explicit: nil, profile: "tool") == nil)
    }

    @Test func credentialProcessOutput() throws {
        let keys = try CredentialProcess.parse(
            Data(
                """
                {"Version": 1, "AccessKeyId": "AKIAPROC", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2030-01-01T00:00:00Z"}
                """.utf8), profile: "tool")
        #expect(keys.accessKeyID == "AKIAPROC")
        #expect(keys.sessionToken == "t")
        #expect(keys.expiration != nil)
        #expect(throws: CredentialError.self) { try CredentialProcess.parse(Data("{\"Version\": 2}".utf8), profile: "tool") }
        #expect(throws: CredentialError.self) { try CredentialProcess.parse(Data("not json".utf8), profile: "tool") }
    }

    @Test func credentialProcessRuns() throws {
        let keys = try CredentialProcess.run(
            command: "printf '{\"Version\":1,\"AccessKeyId\":\"AKIARUN\",\"SecretAccessKey\":\"run-secret\"}'", profile: "p")
        #expect(keys.accessKeyID == "AKIARUN")
        #expect(throws: CredentialError.self) { try CredentialProcess.run(command: "exit 3", profile: "p") }
    }
}
