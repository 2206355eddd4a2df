/// Terraform's conversions between primitive values, its number formatting and its equality.
extension Value {
    /// A number as Terraform prints it: plain decimal, no exponent, integers without `.0`
    /// (`1`, `1.5`, `0.0001`, `100000000000000000000`). Digits beyond a Double's shortest
    /// round-trip form are zeros, as Terraform prints numbers computed in float64 (`pow(2, 70)`).
    public static func formatNumber(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Inf" : "+Inf" }
        if number == 0 { return number.sign == .minus ? "-0" : "0" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return expandScientific(number.description)
    }

    /// Turns Swift's shortest round-trip text (`1.8446744073709552e+19`, `1e-05`) into plain decimal.
    private static func expandScientific(_ text: String) -> String {
        var body = Substring(text)
        var sign = ""
        if body.first == "-" {
            sign = "-"
            body = body.dropFirst()
        }
        var exponent = 0
        if let marker = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(body[body.index(after: marker)...].replacing("+", with: "")) ?? 0
            body = body[..<marker]
        }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = parts.first.map(String.init) ?? ""
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = Array(integerPart + fractionPart)
        var point = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { return "0" }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }
        if point >= digits.count { return sign + String(digits) + String(repeating: "0", count: point - digits.count) }
        return sign + String(digits[..<point]) + "." + String(digits[point...])
    }

    /// Parses a string the way Terraform converts it to a number: decimal only, optional sign,
    /// fraction and exponent, no surrounding spaces, no hexadecimal.
    public static func parseNumber(_ text: String) -> Double? {
        var scalars = Substring(text).unicodeScalars[...]
        if let first = scalars.first, first == "-" || first == "+" { scalars = scalars.dropFirst() }
        var integerDigits = 0
        var fractionDigits = 0
        while let scalar = scalars.first, ("0"..."9").contains(scalar) {
            integerDigits += 1
            scalars = scalars.dropFirst()
        }
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            while let scalar = scalars.first, ("0"..."9").contains(scalar) {
                fractionDigits += 1
                scalars = scalars.dropFirst()
            }
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        if let marker = scalars.first, marker == "e" || marker == "E" {
            scalars = scalars.dropFirst()
            if let sign = scalars.first, sign == "-" || sign == "+" { scalars = scalars.dropFirst() }
            var exponentDigits = 0
            while let scalar = scalars.first, ("0"..."9").contains(scalar) {
                exponentDigits += 1
                scalars = scalars.dropFirst()
            }
            guard exponentDigits > 0 else { return nil }
        }
        guard scalars.isEmpty else { return nil }
        var normalized = text.hasPrefix("+") ? String(text.dropFirst()) : text
        if normalized.hasPrefix(".") { normalized = "0" + normalized }
        if normalized.hasPrefix("-.") { normalized = "-0" + normalized.dropFirst() }
        return Double(normalized)
    }

    /// A primitive converted to string as Terraform does it; nil for null, collections and unknowns.
    public func toStringValue() -> String? {
        switch self {
        case .string(let string): string
        case .number(let number): Value.formatNumber(number)
        case .bool(let bool): bool ? "true" : "false"
        default: nil
        }
    }

    /// A number, or a string holding a decimal number; nil otherwise.
    public func toNumberValue() -> Double? {
        switch self {
        case .number(let number): number
        case .string(let string): Value.parseNumber(string)
        default: nil
        }
    }

    /// A bool, or the strings Terraform converts (`"true"`, `"false"`, `"1"`, `"0"`); nil otherwise.
    public func toBoolValue() -> Bool? {
        switch self {
        case .bool(let bool): bool
        case .string("true"), .string("1"): true
        case .string("false"), .string("0"): false
        default: nil
        }
    }

    /// Terraform's `==`: no conversion between types; nil when an unknown makes the answer unknown.
    public func terraformEquals(_ other: Value) -> Bool? {
        if containsUnknown || other.containsUnknown { return nil }
        return self == other
    }

    /// The first unknown found inside the value, depth first, keys in lexical order.
    public var firstUnknown: Unknown? {
        switch self {
        case .unknown(let unknown): unknown
        case .list(let items), .set(let items): items.lazy.compactMap(\.firstUnknown).first
        case .object(let fields):
            fields.keys.sorted(by: Value.lexicallyPrecedes).lazy.compactMap { fields[$0]?.firstUnknown }.first
        default: nil
        }
    }

    /// Terraform orders strings by their UTF-8 bytes (`"B" < "a" < "é"`).
    public static func lexicallyPrecedes(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }
}

extension Unknown {
    /// An unknown result computed from this unknown by a function: it no longer stands for the
    /// referenced attribute itself, so it keeps only the reason, with the functions it went through.
    public func derived(through function: String) -> Unknown {
        let marker = " (through "
        if reason.hasSuffix(")"), let range = reason.ranges(of: marker).last {
            let chain = reason[range.upperBound...].dropLast()
            return Unknown(reason: reason[..<range.lowerBound] + marker + chain + ", " + function + "())")
        }
        return Unknown(reason: reason + marker + function + "())")
    }
}
