import Foundation
import PerimeterModel
import Testing

@testable import PerimeterTerraform

/// A real plan made by Terraform 1.11 from `Fixtures/plan/terraform_data_source` (built-in
/// `terraform_data` resources only, so it runs offline): addresses, instance keys, modules,
/// `after_unknown` and configuration references exactly as Terraform writes them.
@Suite struct TerraformDataPlanTests {
    let plan = PlanFixtures.read("terraform_data.plan.json")

    @Test func readsEveryInstanceWithoutDiagnostics() {
        #expect(plan.diagnostics.isEmpty)
        let addresses = Set(plan.resources.map(\.address))
        #expect(
            addresses == [
                "terraform_data.cluster",
                "terraform_data.route[0]",
                "terraform_data.route[1]",
                "module.eks.terraform_data.node",
                "module.eks.terraform_data.rule[\"10.8.0.0/16\"]",
                "module.eks.terraform_data.rule[\"172.31.0.0/16\"]",
                "data.terraform_remote_state.deferred",
                "data.terraform_remote_state.vpn"
            ])
    }

    @Test func instanceKeysAndModulesComeFromIndexAndModuleAddress() throws {
        let rule = try #require(plan.resources[address: "module.eks.terraform_data.rule[\"172.31.0.0/16\"]"])
        #expect(rule.module == "module.eks")
        #expect(rule.key == .string("172.31.0.0/16"))
        #expect(rule.name == "rule")
        let route = try #require(plan.resources[address: "terraform_data.route[1]"])
        #expect(route.key == .int(1))
        #expect(route.module == "")
    }

    @Test func unknownThroughModuleVariableNamesTheRootResource() throws {
        let rule = try #require(plan.resources[address: "module.eks.terraform_data.rule[\"172.31.0.0/16\"]"])
        // input = var.cluster_id, and the module call passes terraform_data.cluster.id.
        #expect(rule.values["input"] == .unknown(.attribute("id", of: "terraform_data.cluster")))
    }

    @Test func unknownListElementsLineUpWithTheirReferences() throws {
        let rule = try #require(plan.resources[address: "module.eks.terraform_data.rule[\"10.8.0.0/16\"]"])
        // triggers_replace = [terraform_data.node.output, each.value, var.cluster_id]
        #expect(
            rule.values["triggers_replace"]
                == .list([
                    .unknown(.attribute("output", of: "module.eks.terraform_data.node")),
                    .string("10.8.0.0/16"),
                    .unknown(.attribute("id", of: "terraform_data.cluster"))
                ]))
    }

    @Test func moduleOutputReferenceFollowsTheOutputExpression() throws {
        let route = try #require(plan.resources[address: "terraform_data.route[0]"])
        // input.peering = module.eks.node_id; the known remote-state output is not a candidate.
        #expect(
            route.values["input"]
                == .object([
                    "destination": .string("172.31.0.0/16"),
                    "peering": .unknown(.attribute("id", of: "module.eks.terraform_data.node"))
                ]))
    }

    @Test func providerComputedAttributesAreLeftOut() throws {
        let cluster = try #require(plan.resources[address: "terraform_data.cluster"])
        #expect(cluster.values["id"] == nil)
        #expect(cluster.values["output"] == nil)
        #expect(cluster.values["input"]?.fields?["name"] == .string("eks-secure-infra-dev"))
        #expect(cluster.values["input"]?.fields?["endpoint_public_access"] == .bool(false))
    }

    @Test func dataSourcesReadDuringPlanComeFromPriorState() throws {
        let vpn = try #require(plan.resources[address: "data.terraform_remote_state.vpn"])
        #expect(vpn.mode == .data)
        #expect(vpn.values["outputs"]?.fields?["vpn_cidr"] == .string("172.31.0.0/16"))
    }

    @Test func deferredDataSourceKeepsItsUnknownReference() throws {
        let deferred = try #require(plan.resources[address: "data.terraform_remote_state.deferred"])
        #expect(deferred.values["config"]?.fields?["path"] == .unknown(.attribute("output.name", of: "terraform_data.cluster")))
        #expect(deferred.values["outputs"] == nil)
    }

    @Test func planInstancesHaveNoSourceLocations() {
        #expect(plan.resources.allSatisfy { $0.location == nil && $0.locations.isEmpty })
    }

    @Test func looksLikePlan() {
        #expect(PlanReader.looksLikePlan(PlanFixtures.data("terraform_data.plan.json")))
        // The scanner sniffs the first 4 KiB of a file.
        #expect(PlanReader.looksLikePlan(PlanFixtures.data("terraform_data.plan.json").prefix(4096)))
    }
}
