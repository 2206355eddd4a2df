#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Numeric functions. Arguments may be numbers or strings holding decimal numbers, as Terraform
/// converts them.
enum NumericFunctions {
    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("abs", .exactly(1)) { arguments in
            .number(abs(try arguments.number(0)))
        },
        FunctionDefinition("ceil", .exactly(1)) { arguments in
            .number(try arguments.number(0).rounded(.up))
        },
        FunctionDefinition("floor", .exactly(1)) { arguments in
            .number(try arguments.number(0).rounded(.down))
        },
        FunctionDefinition("signum", .exactly(1)) { arguments in
            let number = try arguments.number(0)
            return .number(number > 0 ? 1 : number < 0 ? -1 : 0)
        },
        FunctionDefinition("min", .atLeast(1)) { arguments in
            .number(try (0..<arguments.count).map { try arguments.number($0) }.min() ?? 0)
        },
        FunctionDefinition("max", .atLeast(1)) { arguments in
            .number(try (0..<arguments.count).map { try arguments.number($0) }.max() ?? 0)
        },
        FunctionDefinition("pow", .exactly(2)) { arguments in
            .number(pow(try arguments.number(0), try arguments.number(1)))
        },
        FunctionDefinition("log", .exactly(2)) { arguments in
            let number = try arguments.number(0)
            let base = try arguments.number(1)
            return .number(exactLog(number, base))
        },
        FunctionDefinition("parseint", .exactly(2)) { arguments in
            let text = try arguments.string(0)
            let base = try arguments.integer(1)
            guard (2...62).contains(base) else {
                throw arguments.invalid(1, "the base must be a whole number between 2 and 62, got \(base)")
            }
            guard let number = parseInteger(text, base: base) else {
                throw arguments.error("Cannot parse '\(text)' as a base \(base) integer")
            }
            return .number(number)
        }
    ]

    /// `log(8, 2)` is exactly 3 in Terraform; a quotient of natural logs can be off by one ulp,
    /// so snap to the integer when raising the base to it gives the number back exactly.
    static func exactLog(_ number: Double, _ base: Double) -> Double {
        let result = naturalLog(number) / naturalLog(base)
        let rounded = result.rounded()
        if rounded != result, abs(rounded - result) < 1e-9, pow(base, rounded) == number { return rounded }
        return result
    }

    private static func naturalLog(_ value: Double) -> Double {
        log(value)
    }

    /// Go's `big.Int.SetString`: optional sign, digits of the base; bases above 36 tell upper
    /// from lower case (a-z are 10-35, A-Z are 36-61).
    static func parseInteger(_ text: String, base: Int) -> Double? {
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if let sign = scalars.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            scalars = scalars.dropFirst()
        }
        guard !scalars.isEmpty else { return nil }
        var value = 0.0
        for scalar in scalars {
            let digit: Int
            switch scalar {
            case "0"..."9": digit = Int(scalar.value - 48)
            case "a"..."z": digit = Int(scalar.value - 97) + 10
            case "A"..."Z": digit = Int(scalar.value - 65) + (base <= 36 ? 10 : 36)
            default: return nil
            }
            guard digit < base else { return nil }
            value = value * Double(base) + Double(digit)
        }
        return negative ? -value : value
    }
}
