/// Terraform's conversions of values to text, shared by templates and type conversion.
enum TerraformText {
    /// The string form of a primitive, as Terraform converts it; nil for collections and null.
    static func string(_ value: Value) -> String? {
        switch value {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): format(number)
        default: nil
        }
    }

    /// Integers without a fractional part; others in the shortest exact form.
    static func format(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
            return String(Int64(number))
        }
        return String(number)
    }

    /// Sets hold unique elements; strings sort lexically as Terraform orders them.
    static func setOrder(_ items: [Value]) -> [Value] {
        var seen = Set<Value>()
        let unique = items.filter { seen.insert($0).inserted }
        if unique.allSatisfy({ $0.stringValue != nil }) {
            return unique.sorted { ($0.stringValue ?? "") < ($1.stringValue ?? "") }
        }
        return unique
    }
}
