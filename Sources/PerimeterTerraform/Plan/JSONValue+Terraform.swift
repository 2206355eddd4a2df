import PerimeterModel

extension JSONValue {
    /// The Terraform value a plan's JSON stands for: arrays are lists, objects are objects.
    var terraformValue: Value {
        switch self {
        case .null: .null
        case .bool(let bool): .bool(bool)
        case .number(let number): .number(number)
        case .string(let text): .string(text)
        case .array(let items): .list(items.map(\.terraformValue))
        case .object(let members): .object(members.mapValues(\.terraformValue))
        }
    }
}
