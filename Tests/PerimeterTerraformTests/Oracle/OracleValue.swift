import Foundation
import PerimeterTerraform

/// A value as both sides of the plan oracle can state it: Terraform's `after` with `after_unknown`
/// folded in, or perimeter's `Value`. Sets are lists (Terraform's JSON writes them so).
indirect enum OracleValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([OracleValue])
    case object([String: OracleValue])
    case unknown

    /// What perimeter evaluated.
    init(_ value: Value) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .list(let items), .set(let items): self = .list(items.map(OracleValue.init))
        case .object(let fields): self = .object(fields.mapValues(OracleValue.init))
        case .unknown: self = .unknown
        }
    }

    /// Terraform's planned value, with `after_unknown` (true, or a structure of the same shape) applied.
    init(json: Any?, unknown: Any?) {
        if let flag = unknown as? Bool, flag {
            self = .unknown
            return
        }
        switch json {
        case nil, is NSNull: self = .null
        case let flag as Bool where type(of: json!) == Bool.self: self = .bool(flag)
        // swift-corelibs-foundation hands JSON booleans over as NSNumber of type "c".
        case let number as NSNumber where String(cString: number.objCType) == "c": self = .bool(number.boolValue)
        case let number as NSNumber: self = .number(number.doubleValue)
        case let number as Double: self = .number(number)
        case let number as Int: self = .number(Double(number))
        case let text as String: self = .string(text)
        case let items as [Any]:
            let marks = unknown as? [Any] ?? []
            self = .list(
                items.enumerated().map {
                    OracleValue(json: $0.element, unknown: marks.indices.contains($0.offset) ? marks[$0.offset] : nil)
                })
        case let fields as [String: Any]:
            let marks = unknown as? [String: Any] ?? [:]
            var result: [String: OracleValue] = [:]
            for (key, value) in fields { result[key] = OracleValue(json: value, unknown: marks[key]) }
            // after_unknown names computed fields that are absent from after.
            for (key, mark) in marks where fields[key] == nil && (mark as? Bool) == true { result[key] = .unknown }
            self = .object(result)
        default: self = .null
        }
    }

    /// How this value is kept in the recorded results: JSON with unknowns as `{"$unknown": true}`.
    var json: Any {
        switch self {
        case .null: NSNull()
        case .bool(let flag): flag
        case .number(let number): number
        case .string(let text): text
        case .list(let items): items.map(\.json)
        case .object(let fields): fields.mapValues(\.json)
        case .unknown: ["$unknown": true]
        }
    }

    /// Recorded values go through `init(json:)`, which cannot tell `{"$unknown": true}` from an object.
    static func fromRecord(_ recorded: Any) -> OracleValue {
        switch recorded {
        case let fields as [String: Any]:
            if fields.count == 1, (fields["$unknown"] as? Bool) == true { return .unknown }
            return .object(fields.mapValues(fromRecord))
        case let items as [Any]: return .list(items.map(fromRecord))
        default: return OracleValue(json: recorded, unknown: nil)
        }
    }

    /// How perimeter's value relates to Terraform's: equal, known where Terraform is not, or wrong.
    enum Relation: Equatable {
        case same
        case knowsMore
        case differs(String)
    }

    func compared(toTerraform terraform: OracleValue, at path: String = "") -> Relation {
        switch (self, terraform) {
        case (.unknown, .unknown): return .same
        case (_, .unknown): return .knowsMore
        case (.unknown, _): return .differs("\(path): perimeter unknown, terraform \(terraform)")
        case (.list(let ours), .list(let theirs)):
            guard ours.count == theirs.count else { return .differs("\(path): \(ours.count) elements, terraform \(theirs.count)") }
            return Self.combine(
                zip(ours, theirs).enumerated().map { $0.element.0.compared(toTerraform: $0.element.1, at: "\(path)[\($0.offset)]") })
        case (.object(let ours), .object(let theirs)):
            guard Set(ours.keys) == Set(theirs.keys) else {
                return .differs("\(path): keys \(ours.keys.sorted()), terraform \(theirs.keys.sorted())")
            }
            return Self.combine(theirs.keys.sorted().map { ours[$0]!.compared(toTerraform: theirs[$0]!, at: "\(path).\($0)") })
        default:
            return self == terraform ? .same : .differs("\(path): perimeter \(self), terraform \(terraform)")
        }
    }

    static func combine(_ relations: [Relation]) -> Relation {
        if let wrong = relations.first(where: { if case .differs = $0 { true } else { false } }) { return wrong }
        return relations.contains(.knowsMore) ? .knowsMore : .same
    }
}
