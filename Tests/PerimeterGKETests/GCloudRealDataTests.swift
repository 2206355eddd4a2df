import Foundation
import PerimeterChecks
import PerimeterGKE
import PerimeterModel
import Testing

/// The google Terraform module's golden `gcloud container clusters describe --format=json` files and
/// real `gcloud compute firewall-rules list` output: every level is read apart, and the GKE checks
/// report exactly what the data says.
@Suite struct GCloudRealDataTests {
    static let moduleDirectory = "gke/terraform-google-kubernetes-engine"
    static let clusterFiles: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: SharedData.path(moduleDirectory))) ?? [])
        .filter { $0.hasSuffix(".json") }.sorted()

    private func findings(_ relative: String) throws -> (snapshot: Snapshot, findings: [Finding]) {
        let path = SharedData.path(relative)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(GCloudReader.looksLikeGCloud(text))
        let read = GCloudReader.read(text, file: path)
        #expect(read.diagnostics.isEmpty, "\(relative): \(read.diagnostics)")
        let context = CheckContext(snapshot: read.snapshot)
        let ids: Set<String> = ["GKE-001", "GKE-002", "GKE-003", "GKE-004"]
        let found = CheckRegistry.all.filter { ids.contains($0.description.id) }.flatMap { $0.run(context) }
        for finding in found { #expect(finding.location?.file == path && (finding.location?.line ?? 0) > 0) }
        return (read.snapshot, found)
    }

    @Test func allTwentyEightGoldenFilesRead() throws {
        #expect(Self.clusterFiles.count == 28)
        for file in Self.clusterFiles {
            let (snapshot, _) = try findings("\(Self.moduleDirectory)/\(file)")
            #expect(snapshot.gkeClusters.count == 1, "\(file)")
            #expect(
                snapshot.gkeNodePools.allSatisfy {
                    $0.describesLiveState == true && $0.cluster == snapshot.gkeClusters.first.map { .key($0.key) }
                })
        }
    }

    @Test func confidentialSaferClusterKeepsLevelsApart() throws {
        let (snapshot, found) = try findings("\(Self.moduleDirectory)/TestConfidentialSaferCluster.json")
        let cluster = try #require(snapshot.gkeClusters.first)
        #expect(cluster.defaultPoolNodeConfig?.insecureKubeletReadonlyPortEnabled == .known(true))
        #expect(cluster.nodePoolDefaults != nil && cluster.nodePoolDefaults?.insecureKubeletReadonlyPortEnabled == nil)
        #expect(cluster.nodePoolAutoConfig == nil)
        #expect(
            found.map { "\($0.ruleId) \($0.resource)" }.sorted() == [
                "GKE-001 CLUSTER_NAME", "GKE-002 CLUSTER_NAME/nodePools/default"
            ])
    }

    @Test func hardenedStandardClustersAreClean() throws {
        for file in ["TestGKEStandardCluster.json", "TestSimpleRegionalPrivateNoPool.json", "TestGKEAutopilotCluster.json"] {
            let (_, found) = try findings("\(Self.moduleDirectory)/\(file)")
            #expect(found.isEmpty, "\(file): \(found.map(\.resource))")
        }
    }

    @Test func poolCreatedBeforeTheChangeKeepsThePortOpen() throws {
        let (snapshot, found) = try findings("\(Self.moduleDirectory)/TestPrivateZonalWithNetworking.json")
        #expect(snapshot.gkeNodePools.count == 2)
        #expect(found.filter { $0.ruleId == "GKE-002" }.count == 1)
        #expect(found.filter { $0.ruleId == "GKE-001" }.count == 1)
    }

    @Test func nodePoolModuleHasFiveUnsetPools() throws {
        let (snapshot, found) = try findings("\(Self.moduleDirectory)/TestNodePool.json")
        #expect(snapshot.gkeNodePools.count == 7)
        #expect(found.filter { $0.ruleId == "GKE-002" }.count == 5)
    }

    @Test func autopilotWithoutTheSettingIsReported() throws {
        for file in ["TestAutopilotPrivateFirewalls.json", "TestSimpleAutopilotPrivate.json", "TestSimpleAutopilotPublic.json"] {
            let (snapshot, found) = try findings("\(Self.moduleDirectory)/\(file)")
            #expect(snapshot.gkeClusters.first?.autopilot == .known(true))
            #expect(found.map(\.ruleId) == ["GKE-003"], "\(file)")
        }
    }

    /// In the multiple-node demo, `gkenetwork1-allow-custom` allows everything from 0.0.0.0/0 at priority 100,
    /// above GKE's exkubelet deny.
    @Test func customRuleOutranksExkubelet() throws {
        let (snapshot, found) = try findings("gke/firewall/yagosys-202301-multiplenode-firewall-rules-list.json")
        #expect(snapshot.gcpFirewalls.count == 5)
        let inkubelet = try #require(snapshot.gcpFirewalls.first { $0.name.value?.hasSuffix("-inkubelet") == true })
        #expect(inkubelet.priority == .known(999))
        #expect(inkubelet.allowed.first?.ports == .known([PortRange(from: 10255, to: 10255)]))
        #expect(found.map(\.resource) == ["gkenetwork1-allow-custom"])
        #expect(found.first?.message.contains("10250, 10255") == true)
    }

    /// In the single-cluster demo the custom rule allows only tcp 22, and the pod range's 10255 is not the internet.
    @Test func gkeDefaultRulesAreClean() throws {
        let (snapshot, found) = try findings("gke/firewall/yagosys-202301-gke-firewall-rules-list.json")
        #expect(snapshot.gcpFirewalls.count == 5)
        #expect(snapshot.gcpFirewalls.first { $0.name.value == "gkenetwork1-allow-custom" }?.priority == .known(65534))
        #expect(found.isEmpty)
    }

    @Test func malformedJSONNamesTheLine() {
        let read = GCloudReader.read("{\n  \"name\": \"prod\",\n  \"nodePools\": [\n}\n", file: "bad.json")
        #expect(read.diagnostics.first?.severity == .error)
        #expect(read.diagnostics.first?.location?.line == 4)
    }
}

/// Mutated gcloud output never crashes the reader: it reads what it can or says where it stopped.
@Suite struct GCloudMutationTests {
    @Test func mutatedGoldenFileIsSafe() throws {
        let original = Array(try SharedData.text("gke/terraform-google-kubernetes-engine/TestConfidentialSaferCluster.json").utf8)
        let alphabet = Array("\"{}[],: \n-0tfn".utf8)
        var generator = SystemRandomNumberGenerator()
        for round in 0..<60 {
            var bytes = original
            for _ in 0..<4 { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = alphabet.randomElement(using: &generator)! }
            if round % 3 == 0 { bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator))) }
            let read = GCloudReader.read(String(decoding: bytes, as: UTF8.self), file: "mutated.json")
            for diagnostic in read.diagnostics where diagnostic.severity == .error {
                #expect(diagnostic.location != nil || diagnostic.file == "mutated.json")
            }
        }
    }
}
