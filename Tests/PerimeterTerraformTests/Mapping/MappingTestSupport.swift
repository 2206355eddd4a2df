import PerimeterModel

@testable import PerimeterTerraform

/// Builds resource instances the way the evaluator hands them over, with source locations.
enum Build {
    static let file = "main.tf"

    static func at(_ line: Int) -> PerimeterModel.SourceLocation { PerimeterModel.SourceLocation(file: file, line: line, column: 1) }

    static func resource(
        _ type: String, _ name: String, module: String = "", key: ResourceInstance.Key? = nil,
        mode: ResourceInstance.Mode = .managed, line: Int = 1,
        locations: [String: Int] = [:], _ values: [String: Value]
    ) -> ResourceInstance {
        ResourceInstance(
            mode: mode, type: type, name: name, module: module, key: key, values: values,
            location: at(line), locations: locations.mapValues(at))
    }

    /// A reference to a computed attribute, as the evaluator produces it.
    static func ref(_ resource: String, _ attribute: String = "id") -> Value {
        .unknown(.attribute(attribute, of: resource))
    }

    static func strings(_ items: String...) -> Value { .list(items.map(Value.string)) }

    static func block(_ fields: [String: Value]) -> Value { .list([.object(fields)]) }

    static func map(_ resources: ResourceInstance..., origin: Provenance.Origin = .terraform) -> (
        snapshot: Snapshot, diagnostics: [Diagnostic]
    ) {
        SnapshotMapper.map(resources, origin: origin)
    }
}
