import Foundation
import PerimeterModel
import Testing

@testable import PerimeterTerraform

/// Input that is not a plan gives one clear diagnostic naming the file and what was expected,
/// an empty result, and never a crash.
@Suite struct PlanShapeTests {
    static let path = "plans/tfplan.json"

    private func read(_ text: String) -> (resources: [ResourceInstance], diagnostics: [Diagnostic]) {
        PlanReader.read(data: Data(text.utf8), path: Self.path)
    }

    private func expectOneError(_ text: String, containing phrase: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let result = read(text)
        #expect(result.resources.isEmpty, sourceLocation: sourceLocation)
        #expect(result.diagnostics.count == 1, sourceLocation: sourceLocation)
        guard let diagnostic = result.diagnostics.first else { return }
        #expect(diagnostic.severity == .error, sourceLocation: sourceLocation)
        #expect(diagnostic.file == Self.path, sourceLocation: sourceLocation)
        #expect(diagnostic.message.contains(phrase), "\(diagnostic.message)", sourceLocation: sourceLocation)
    }

    @Test func topLevelArray() {
        expectOneError("[1, 2, 3]", containing: "expected a JSON object from `terraform show -json`, found an array")
    }

    @Test func missingFormatVersion() {
        expectOneError(#"{"planned_values": {}}"#, containing: "there is no \"format_version\"")
    }

    @Test func missingPlannedValuesAndChanges() {
        expectOneError(#"{"format_version": "1.2"}"#, containing: "neither \"planned_values\" nor \"resource_changes\"")
    }

    @Test func stateOutputIsNamedAsSuch() {
        expectOneError(#"{"format_version": "1.0", "values": {"root_module": {}}}"#, containing: "this is state output")
    }

    @Test func wrongTypes() {
        expectOneError(
            #"{"format_version": "1.2", "resource_changes": {"a": 1}}"#,
            containing: "resource_changes must be an array, found an object")
        expectOneError(
            #"{"format_version": "1.2", "planned_values": {"root_module": {"resources": "x"}}}"#,
            containing: "planned_values.root_module.resources must be an array, found a string")
        expectOneError(
            #"{"format_version": "1.2", "resource_changes": [{"type": "aws_vpc", "name": "a", "index": true, "change": {"after": {}}}]}"#,
            containing: "resource_changes[0].index must be a number or a string, found a boolean")
        expectOneError(
            #"{"format_version": "1.2", "resource_changes": [{"type": "aws_vpc", "name": "a", "index": 1.5, "change": {"after": {}}}]}"#,
            containing: "index must be a whole number")
        expectOneError(
            #"{"format_version": "1.2", "resource_changes": [{"name": "a", "change": {"after": {}}}]}"#,
            containing: "resource_changes[0] has no \"type\" and \"name\"")
        expectOneError(
            #"{"format_version": "1.2", "resource_changes": [{"type": "aws_vpc", "name": "a", "mode": "weird", "change": {"after": {}}}]}"#,
            containing: "mode must be \"managed\" or \"data\"")
        expectOneError(
            #"{"format_version": "1.2", "resource_changes": [{"type": "aws_vpc", "name": "a", "change": {"after": [1]}}]}"#,
            containing: "resource_changes[0].change.after must be an object, found an array")
    }

    @Test func invalidJSONPointsAtLineAndColumn() {
        let result = read("{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {,}\n}")
        #expect(result.resources.isEmpty)
        #expect(result.diagnostics.count == 1)
        let diagnostic = result.diagnostics.first
        #expect(diagnostic?.location == PerimeterModel.SourceLocation(file: Self.path, line: 3, column: 22))
        #expect(diagnostic?.message.contains("Not valid JSON") == true)
    }

    @Test func binaryGarbage() {
        // Deterministic noise (a linear congruential generator), so a failure can be reproduced.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let garbage = Data(
            (0..<4096).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            })
        let result = PlanReader.read(data: garbage, path: Self.path)
        #expect(result.resources.isEmpty)
        #expect(result.diagnostics.count == 1)
        #expect(!PlanReader.looksLikePlan(garbage))
        let bytes = PlanReader.read(data: Data([0xFF, 0xFE, 0x00, 0x7B]), path: Self.path)
        #expect(bytes.diagnostics.count == 1)
    }

    @Test func emptyAndTruncatedInput() {
        expectOneError("", containing: "Not valid JSON")
        expectOneError(
            #"{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type"#,
            containing: "Not valid JSON")
        expectOneError("\"just a string\"", containing: "found a string")
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        expectOneError(deep, containing: "nesting is deeper")
    }

    @Test func invalidStringsAreReported() {
        expectOneError("{\"format_version\": \"\u{01}\"}", containing: "control character")
        expectOneError(#"{"format_version": "\ud800"}"#, containing: "unpaired surrogate")
        expectOneError(#"{"format_version": "\x"}"#, containing: "invalid escape")
    }

    @Test func minimalPlanWithOnlyResourceChanges() throws {
        let result = read(
            #"""
            {"format_version": "1.2", "resource_changes": [
              {"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "name": "a",
               "change": {"actions": ["create"], "after": {"cidr_block": "10.0.0.0/16", "tags": {"Name": "a\u00e9\ud83d\ude00"}},
                          "after_unknown": {"id": true}}},
              {"address": "aws_vpc.gone", "mode": "managed", "type": "aws_vpc", "name": "gone",
               "change": {"actions": ["delete"], "before": {"cidr_block": "10.1.0.0/16"}, "after": null}}
            ]}
            """#)
        #expect(result.diagnostics.isEmpty)
        let vpc = try #require(result.resources.first)
        #expect(result.resources.count == 1)
        #expect(vpc.address == "aws_vpc.a")
        // No configuration: an unknown cannot be traced, so it stays, without a resource.
        #expect(vpc.values["id"] == .unknown(Unknown(reason: "aws_vpc.a.id is known only after apply")))
        #expect(vpc.values["tags"] == .object(["Name": .string("aé😀")]))
    }

    @Test func looksLikePlanSniff() {
        #expect(PlanReader.looksLikePlan(Data(#"  {"format_version":"1.2","planned_values":{}}"#.utf8)))
        #expect(PlanReader.looksLikePlan(Data(#"{"format_version":"1.2","terraform_version":"1.11.4","variables":{"a":{"value":"x"#.utf8)))
        #expect(!PlanReader.looksLikePlan(Data(#"{"format_version":"1.0","terraform_version":"1.11.4","values":{}}"#.utf8)))
        #expect(!PlanReader.looksLikePlan(Data(#"{"format_version":"1.0","terraform_version":"1.11.4"}"#.utf8)))
        #expect(!PlanReader.looksLikePlan(Data(#"[{"format_version":"1.2","planned_values":{}}]"#.utf8)))
        #expect(!PlanReader.looksLikePlan(Data(#"{"version":1,"securityGroups":[]}"#.utf8)))
        #expect(!PlanReader.looksLikePlan(Data()))
    }
}
