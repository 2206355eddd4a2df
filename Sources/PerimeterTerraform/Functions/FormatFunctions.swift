/// `format` and `formatlist`, with Terraform's verbs: `%v %#v %t %s %q %d %b %o %x %X %e %E %f %F
/// %g %G %%`, flags `+ - # 0 space`, width, precision and `%[n]` argument indexes.
enum FormatFunctions {
    static let definitions: [FunctionDefinition] = [
        FunctionDefinition("format", .atLeast(1)) { arguments in
            .string(try format(try arguments.string(0), Array(arguments.rest(from: 1))))
        },
        FunctionDefinition("formatlist", .atLeast(1), formatList)
    ]

    /// One row per element of the list arguments; other arguments repeat on every row. A row whose
    /// arguments are unknown is an unknown element, the others stay known.
    @Sendable static func formatList(_ arguments: Arguments) throws -> Value {
        let template = try arguments.string(0)
        var rowCount: Int?
        var columns: [[Value]?] = []
        for index in 1..<max(arguments.count, 1) {
            let value = arguments[index]
            try Arguments.requireKnown(value)
            switch value {
            case .list(let items), .set(let items):
                if let rowCount, rowCount != items.count {
                    throw arguments.invalid(index, "has \(items.count) elements, but an earlier list has \(rowCount)")
                }
                rowCount = items.count
                columns.append(items)
            default:
                columns.append(nil)
            }
        }
        let rows = rowCount ?? 1
        return .list(
            try (0..<rows).map { row in
                let values = columns.enumerated().map { column, items in items?[row] ?? arguments[column + 1] }
                if let unknown = values.lazy.compactMap(\.firstUnknown).first {
                    return .unknown(unknown.derived(through: "formatlist"))
                }
                return .string(try format(template, values))
            })
    }

    /// Formats like Go's `fmt` with Terraform's value conversions.
    static func format(_ template: String, _ values: [Value]) throws -> String {
        let scalars = Array(template.unicodeScalars)
        var output = ""
        var index = 0
        var nextArgument = 0
        var used = Set<Int>()
        var explicitIndexes = false
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "%" else {
                output.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            let start = index
            index += 1
            guard index < scalars.count else { throw FunctionError("Invalid format string: '%' at offset \(start) has no verb") }
            if scalars[index] == "%" {
                output += "%"
                index += 1
                continue
            }
            var spec = FormatSpec()
            while index < scalars.count, let flag = FormatSpec.Flag(rawValue: Character(scalars[index])) {
                spec.flags.insert(flag)
                index += 1
            }
            if index < scalars.count, scalars[index] == "[" {
                var end = index + 1
                while end < scalars.count, ("0"..."9").contains(scalars[end]) { end += 1 }
                guard end < scalars.count, scalars[end] == "]",
                    let position = Int(String(String.UnicodeScalarView(scalars[(index + 1)..<end]))),
                    position >= 1
                else {
                    throw FunctionError("Invalid format string: bad argument index at offset \(start)")
                }
                nextArgument = position - 1
                explicitIndexes = true
                index = end + 1
            }
            spec.width = readNumber(scalars, &index)
            if index < scalars.count, scalars[index] == "." {
                index += 1
                spec.precision = readNumber(scalars, &index) ?? 0
            }
            guard index < scalars.count else { throw FunctionError("Invalid format string: unfinished verb at offset \(start)") }
            let verb = Character(scalars[index])
            index += 1
            let written = String(String.UnicodeScalarView(scalars[start..<index]))
            guard nextArgument < values.count else {
                throw FunctionError(
                    "Not enough arguments for '\(written)' at offset \(start): needs argument \(nextArgument + 1), got \(values.count)")
            }
            let value = values[nextArgument]
            used.insert(nextArgument)
            nextArgument += 1
            if let unknown = value.firstUnknown { throw PendingUnknown(unknown: unknown) }
            if value == .null {
                // Terraform's format yields an unknown result for a null argument.
                throw PendingUnknown(unknown: Unknown(reason: "'\(written)' was given a null value"))
            }
            output += try spec.render(value, verb: verb, written: written, offset: start)
        }
        if !explicitIndexes, used.count < values.count {
            throw FunctionError("Too many arguments for format: only \(used.count) used by the format string, got \(values.count)")
        }
        return output
    }

    private static func readNumber(_ scalars: [Unicode.Scalar], _ index: inout Int) -> Int? {
        var number: Int?
        while index < scalars.count, let digit = Int(String(scalars[index])), ("0"..."9").contains(scalars[index]) {
            number = min((number ?? 0) * 10 + digit, 1_000_000)
            index += 1
        }
        return number
    }
}

/// One parsed verb: flags, width, precision.
struct FormatSpec {
    enum Flag: Character {
        case plus = "+"
        case minus = "-"
        case sharp = "#"
        case zero = "0"
        case space = " "
    }

    var flags: Set<Flag> = []
    var width: Int?
    var precision: Int?

    func render(_ value: Value, verb: Character, written: String, offset: Int) throws -> String {
        func unsupported(_ need: String) -> FunctionError {
            FunctionError("Unsupported value for '\(written)' at offset \(offset): \(need) is required")
        }
        switch verb {
        case "v":
            if flags.contains(.sharp) { return pad(try JSONCodec.encode(value)) }
            switch value {
            case .number(let number): return padNumber(signed(number, DecimalDigits.layout(abs(number), verb: "g", precision: nil)))
            case .list, .set, .object: return pad(try JSONCodec.encode(value))
            default: return pad(value.toStringValue() ?? "")
            }
        case "s":
            guard var text = value.toStringValue() else { throw unsupported("a string") }
            if let precision { text = String(text.unicodeScalars.prefix(precision)) }
            return pad(text)
        case "q":
            guard let text = value.toStringValue() else { throw unsupported("a string") }
            return pad(JSONCodec.quote(text))
        case "t":
            guard let bool = value.toBoolValue() else { throw unsupported("a bool") }
            return pad(bool ? "true" : "false")
        case "d", "b", "o", "x", "X":
            guard let number = value.toNumberValue(), number == number.rounded(), number.isFinite else {
                throw unsupported("an integer")
            }
            return padNumber(signed(number, try integerDigits(abs(number), verb: verb, unsupported: unsupported)))
        case "e", "E", "f", "F", "g", "G":
            guard let number = value.toNumberValue() else { throw unsupported("a number") }
            return padNumber(signed(number, DecimalDigits.layout(abs(number), verb: verb, precision: precision)))
        default:
            throw FunctionError("Unsupported format verb '\(verb)' in '\(written)' at offset \(offset)")
        }
    }

    private func integerDigits(
        _ magnitude: Double, verb: Character,
        unsupported: (String) -> FunctionError
    ) throws -> String {
        var digits: String
        if verb == "d" {
            digits = Value.formatNumber(magnitude)
        } else {
            guard let integer = UInt64(exactly: magnitude) else { throw unsupported("an integer below 2^64") }
            let radix = verb == "b" ? 2 : verb == "o" ? 8 : 16
            digits = String(integer, radix: radix, uppercase: verb == "X")
        }
        if let precision, digits.count < precision {
            digits = String(repeating: "0", count: precision - digits.count) + digits
        }
        if flags.contains(.sharp) {
            switch verb {
            case "x": digits = "0x" + digits
            case "X": digits = "0X" + digits
            case "o" where !digits.hasPrefix("0"): digits = "0" + digits
            case "b": digits = "0b" + digits
            default: break
            }
        }
        return digits
    }

    /// The sign (or `+`/space flag) in front of a magnitude's digits.
    private func signed(_ number: Double, _ digits: String) -> (sign: String, digits: String) {
        if number < 0 || (number == 0 && number.sign == .minus) { return ("-", digits) }
        if flags.contains(.plus) { return ("+", digits) }
        if flags.contains(.space) { return (" ", digits) }
        return ("", digits)
    }

    /// Numbers pad with zeros after the sign when the `0` flag is set.
    private func padNumber(_ parts: (sign: String, digits: String)) -> String {
        let length = parts.sign.count + parts.digits.unicodeScalars.count
        guard let width, length < width else { return parts.sign + parts.digits }
        if flags.contains(.minus) { return parts.sign + parts.digits + String(repeating: " ", count: width - length) }
        if flags.contains(.zero) { return parts.sign + String(repeating: "0", count: width - length) + parts.digits }
        return String(repeating: " ", count: width - length) + parts.sign + parts.digits
    }

    /// Width counts code points, as Go does.
    private func pad(_ text: String) -> String {
        let length = text.unicodeScalars.count
        guard let width, length < width else { return text }
        let padding = String(repeating: flags.contains(.zero) && !flags.contains(.minus) ? "0" : " ", count: width - length)
        return flags.contains(.minus) ? text + padding : padding + text
    }
}
