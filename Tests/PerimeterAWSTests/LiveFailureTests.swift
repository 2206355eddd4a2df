import Foundation
import PerimeterModel
import PerimeterScan
import Testing

@testable import PerimeterAWS

extension LiveAWSTests {
    /// Failures over real HTTP: a proxy in front of moto that forbids or throttles, a socket that never answers.
    @Suite struct Failures {
        @Test func accessDeniedOnOneCallLeavesAGapAndTheRestIsScanned() async throws {
            let seed = try await MotoScenario.shared.seed()
            let proxy = try LoopbackServer(["proxy", try await MotoScenario.shared.url(), "--deny", "DescribeNetworkAcls"])
            defer { proxy.stop() }
            let file = PerimeterCLI.temporaryFile("denied.json")
            let collected = try PerimeterCLI.run(
                [
                    "collect", "aws", "--cluster", MotoScenario.cluster, "--region", MotoScenario.region,
                    "--endpoint-url", proxy.url, "-o", file
                ], environment: motoEnvironment())
            #expect(collected.status == 2)
            #expect(collected.stderr.contains("ec2:DescribeNetworkAcls: UnauthorizedOperation"), "\(collected.stderr)")
            #expect(collected.stderr.contains("network ACLs not collected"))

            let snapshot = try SnapshotFile.decode(try Data(contentsOf: URL(fileURLWithPath: file)), path: file).get()
            #expect(snapshot.networkACLs.isEmpty)
            #expect(!snapshot.securityGroups.isEmpty && !snapshot.instances.isEmpty)
            #expect(snapshot.collection?.gaps.filter { $0.severity == .error }.count == 1)

            let scanned = try PerimeterCLI.run(["scan", file, "--format", "json"], environment: motoEnvironment())
            #expect(scanned.status == 2, "an incomplete snapshot is an input error")
            #expect(scanned.stderr.contains("DescribeNetworkAcls"))
            struct Report: Decodable {
                struct Item: Decodable {
                    var ruleId: String
                    var resource: String
                }
                var findings: [Item]
            }
            let report = try JSONDecoder().decode(Report.self, from: Data(scanned.stdout.utf8))
            #expect(
                report.findings.map { "\($0.ruleId) \($0.resource)" }.sorted() == expectedBeforeFindings(seed),
                "the rest is still collected and scanned")
        }

        @Test func throttlingIsRetriedThenSucceeds() async throws {
            let seed = try await MotoScenario.shared.seed()
            let proxy = try LoopbackServer([
                "proxy", try await MotoScenario.shared.url(),
                "--throttle", "DescribeSecurityGroups:2:503",
                "--throttle", "DescribeInstances:3:RequestLimitExceeded",
                "--throttle", "DescribeCluster:1:ThrottlingException"
            ])
            defer { proxy.stop() }
            let snapshot = try await collect(endpoint: proxy.url, attempts: 4)
            #expect(findingLines(snapshot) == expectedBeforeFindings(seed))
            #expect(snapshot.collection?.gaps.contains { $0.severity == .error } == false)
            let counts = try proxy.counts()
            #expect(counts["DescribeSecurityGroups"] == 3)
            #expect(counts["DescribeInstances"] == 4)
            #expect(counts["DescribeCluster"] == 2)
            // Read-only: every call the collector made is a Describe, List or Get.
            let actions = counts.keys.filter { !$0.hasPrefix("__") }
            #expect(actions.allSatisfy { $0.hasPrefix("Describe") || $0.hasPrefix("List") || $0.hasPrefix("Get") }, "\(actions.sorted())")
            #expect(counts.keys.contains("ListAccessEntries") && counts.keys.contains("ListOpenIDConnectProviders"))
        }

        @Test func throttlingBeyondTheAttemptsIsAGap() async throws {
            _ = try await MotoScenario.shared.seed()
            let proxy = try LoopbackServer(["proxy", try await MotoScenario.shared.url(), "--throttle", "DescribeRouteTables:9:503"])
            defer { proxy.stop() }
            let snapshot = try await collect(endpoint: proxy.url, attempts: 3)
            #expect(try proxy.counts()["DescribeRouteTables"] == 3, "bounded: exactly the allowed attempts")
            let gap = try #require(snapshot.collection?.gaps.first { $0.severity == .error })
            #expect(gap.message.contains("ec2:DescribeRouteTables") && gap.message.contains("after 3 attempts"))
            #expect(snapshot.routeTables.isEmpty && !snapshot.instances.isEmpty)
        }

        @Test func concurrencyIsBounded() async throws {
            _ = try await MotoScenario.shared.seed()
            for limit in [1, 3] {
                let proxy = try LoopbackServer(["proxy", try await MotoScenario.shared.url()])
                defer { proxy.stop() }
                let request = AWSCollectionRequest(
                    cluster: MotoScenario.cluster, region: MotoScenario.region,
                    client: AWSClientOptions(endpointURL: URL(string: proxy.url), maxConcurrentCalls: limit), environment: motoEnvironment()
                )
                let snapshot = try await AWSCollector.collect(request)
                #expect(!snapshot.instances.isEmpty)
                let most = try #require(try proxy.counts()["__max_in_flight"])
                #expect(most <= limit, "at most \(limit) calls in flight, saw \(most)")
                if limit > 1 { #expect(most > 1, "independent calls do run at once") }
            }
        }

        @Test func endpointThatNeverAnswersTimesOut() async throws {
            let silent = try LoopbackServer(["silent"])
            defer { silent.stop() }
            let started = Date()
            do {
                _ = try await collect(endpoint: silent.url, timeout: 0.5, attempts: 2)
                Issue.record("a silent endpoint must fail")
            } catch let error as AWSCollectionError {
                #expect(error.description.contains("no answer from \(silent.url) within 0.5 s"), "\(error)")
                #expect(error.description.contains("after 2 attempts"))
            }
            #expect(Date().timeIntervalSince(started) < 10)

            let cli = try PerimeterCLI.run(
                [
                    "collect", "aws", "--cluster", "c", "--region", MotoScenario.region, "--endpoint-url", silent.url,
                    "--timeout", "0.5", "--max-attempts", "1"
                ], environment: motoEnvironment())
            #expect(cli.status == 2)
            #expect(cli.stderr.hasPrefix("error: ") && cli.stderr.contains("no answer"), "\(cli.stderr)")
        }

        @Test func unknownClusterIsAClearError() async throws {
            _ = try await MotoScenario.shared.seed()
            let result = try PerimeterCLI.run(
                [
                    "collect", "aws", "--cluster", "does-not-exist", "--region", MotoScenario.region,
                    "--endpoint-url", try await MotoScenario.shared.url()
                ], environment: motoEnvironment())
            #expect(result.status == 2)
            #expect(result.stderr == "error: EKS cluster 'does-not-exist' not found in ap-northeast-2 (account 123456789012)\n")
            #expect(result.stdout.isEmpty)
        }

        @Test func missingCredentialsAndRegionAreClearErrors() async throws {
            let endpoint = try await MotoScenario.shared.url()
            let noKeys = try PerimeterCLI.run(
                ["collect", "aws", "--cluster", "c", "--region", "eu-west-1", "--endpoint-url", endpoint],
                environment: isolatedEnvironment())
            #expect(noKeys.status == 2)
            #expect(noKeys.stderr.contains("No AWS credentials found"), "\(noKeys.stderr)")
            let noRegion = try PerimeterCLI.run(
                ["collect", "aws", "--cluster", "c", "--endpoint-url", endpoint], environment: motoEnvironment())
            #expect(noRegion.status == 2)
            #expect(noRegion.stderr.contains("No AWS region"))
            let noCluster = try PerimeterCLI.run(["collect", "aws"], environment: motoEnvironment())
            #expect(noCluster.status == 2)
            #expect(noCluster.stderr.contains("--cluster"))
        }

        @Test func profilesWithAssumeRoleAndCredentialProcess() async throws {
            let seed = try await MotoScenario.shared.seed()
            let endpoint = try await MotoScenario.shared.url()
            let config = PerimeterCLI.temporaryFile("config")
            try """
            [profile base]
            aws_access_key_id = AKIABASEPROFILE
            aws_secret_access_key = base-secret

            [profile auditor]
            role_arn = arn:aws:iam::123456789012:role/eks-secure-infra-dev-cluster
            source_profile = base
            region = ap-northeast-2

            [profile tool]
            credential_process = printf '{"Version":1,"AccessKeyId":"AKIAFROMPROCESS","SecretAccessKey":"p"}'
            region = ap-northeast-2
            """.write(toFile: config, atomically: true, encoding: .utf8)
            let environment = isolatedEnvironment(["AWS_CONFIG_FILE": config])
            for profile in ["auditor", "tool"] {
                let file = PerimeterCLI.temporaryFile("\(profile).json")
                let result = try PerimeterCLI.run(
                    [
                        "collect", "aws", "--cluster", MotoScenario.cluster, "--profile", profile,
                        "--endpoint-url", endpoint, "-o", file
                    ], environment: environment)
                #expect(result.status == 0, "\(profile): \(result.stderr)")
                let snapshot = try SnapshotFile.decode(try Data(contentsOf: URL(fileURLWithPath: file)), path: file).get()
                #expect(findingLines(snapshot) == expectedBeforeFindings(seed))
                #expect(snapshot.collection?.region == "ap-northeast-2", "region from the profile")
                if profile == "auditor" {
                    #expect(
                        snapshot.collection?.caller == "arn:aws:sts::123456789012:assumed-role/eks-secure-infra-dev-cluster/perimeter",
                        "the calls ran as the role STS AssumeRole gave")
                }
            }
        }
    }

    /// moto's signature checking on: correct SigV4 passes, a wrong secret is refused (POST calls only; moto refuses every signed GET).
    @Suite struct SignatureChecking {
        @Test func signedCallsPassAndBadSignaturesAreRefused() async throws {
            let server = try LoopbackServer(["moto"])
            defer { server.stop() }
            let keys = try JSONDecoder().decode(
                [String: String].self,
                from: Data(try runTool(["python3", LoopbackServer.script, "enable-auth", server.url]).utf8))
            let good = AWSCredentials(
                accessKeyID: try #require(keys["AccessKeyId"]), secretAccessKey: try #require(keys["SecretAccessKey"]))
            let options = AWSClientOptions(endpointURL: URL(string: server.url), timeout: 10, retry: RetryPolicy(maxAttempts: 1))
            let client = AWSClient(credentials: good, region: MotoScenario.region, options: options)

            let identity = try await client.query(.sts, "GetCallerIdentity")
            #expect(identity.find("Arn")?.text == "arn:aws:iam::123456789012:user/perimeter-reader")
            let vpcs = try await client.ec2Pages("DescribeVpcs", QueryParameters.filters([("is-default", ["true"])]), listName: "vpcSet")
            #expect(vpcs.count == 1)
            _ = try await client.ec2Pages("DescribeSecurityGroups", listName: "securityGroupInfo", pageSize: 1000)
            _ = try await client.ec2Pages("DescribeInstances", listName: "reservationSet", pageSize: 1000)
            _ = try await client.queryPages(
                .autoscaling, "DescribeAutoScalingGroups", listName: "AutoScalingGroups",
                tokenParameter: "NextToken", tokenElement: "NextToken")
            _ = try await client.queryPages(
                .iam, "ListOpenIDConnectProviders", listName: "OpenIDConnectProviderList",
                tokenParameter: "Marker", tokenElement: "Marker")

            let forged = AWSClient(
                credentials: AWSCredentials(accessKeyID: good.accessKeyID, secretAccessKey: "not-the-secret"),
                region: MotoScenario.region, options: options)
            for (service, action) in [
                (AWSService.sts, "GetCallerIdentity"), (.ec2, "DescribeVpcs"), (.iam, "ListOpenIDConnectProviders"),
                (.autoscaling, "DescribeAutoScalingGroups")
            ] {
                do {
                    _ = try await forged.query(service, action)
                    Issue.record("\(action) accepted a wrong signature")
                } catch let error as AWSCallError {
                    #expect(error.kind == .authentication, "\(action): \(error)")
                }
            }

            let cli = try PerimeterCLI.run(
                ["collect", "aws", "--cluster", "c", "--region", MotoScenario.region, "--endpoint-url", server.url],
                environment: isolatedEnvironment([
                    "AWS_ACCESS_KEY_ID": good.accessKeyID,
                    "AWS_SECRET_ACCESS_KEY": "not-the-secret"
                ]))
            #expect(cli.status == 2)
            #expect(cli.stderr.contains("AWS rejected the credentials (access key \(good.accessKeyID) from environment)"), "\(cli.stderr)")
            #expect(!cli.stderr.contains("not-the-secret"))
        }
    }
}
