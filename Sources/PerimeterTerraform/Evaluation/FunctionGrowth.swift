/// The functions whose result can be far larger than their arguments (`range(1e9)`, `join` of a big
/// string many times, `format("%999999999d", 1)`): their result's size is bounded from the arguments
/// before the call, so the call never allocates what the limit forbids.
enum FunctionGrowth {
    /// Functions whose result is a scalar or a part of an argument: their arguments, already weighed as
    /// the values they come from, need no second walk (`length(local.big)` in every resource stays cheap).
    static let neverGrows: Set<String> = [
        "length", "lookup", "element", "index", "contains", "one", "alltrue", "anytrue", "sum", "max", "min",
        "coalesce", "startswith", "endswith", "strcontains", "cidrhost", "cidrnetmask", "cidrsubnet", "can", "try",
        "tonumber", "tobool", "parseint", "abs", "ceil", "floor", "signum", "log", "pow", "issensitive"
    ]

    static func problem(_ name: String, _ arguments: [Value], limits: EvaluationLimits) -> String? {
        let elements = Double(limits.maximumCollectionLength)
        let bytes = Double(limits.maximumStringBytes)
        switch name {
        case "range":
            return rangeLength(arguments).flatMap { tooMany($0, elements) }
        case "setproduct":
            let product = arguments.reduce(1.0) { $0 * Double($1.elements?.count ?? 1) }
            return tooMany(product, elements)
        case "join":
            guard let separator = arguments.first?.stringValue else { return nil }
            var length = 0.0
            for list in arguments.dropFirst() {
                for item in list.elements ?? [] {
                    length += Double(separator.utf8.count + (item.stringValue?.utf8.count ?? 24))
                }
            }
            return tooLong(length, bytes)
        case "format", "formatlist":
            guard let format = arguments.first?.stringValue else { return nil }
            let width = Double(widestField(format))
            let rows = name == "formatlist" ? Double(arguments.dropFirst().map { $0.elements?.count ?? 1 }.max() ?? 1) : 1
            return tooLong(width, bytes) ?? tooMany(rows, elements)
        case "replace":
            guard arguments.count == 3, let text = arguments[0].stringValue, let search = arguments[1].stringValue,
                let replacement = arguments[2].stringValue, replacement.utf8.count > search.utf8.count
            else { return nil }
            let isPattern = search.count >= 2 && search.hasPrefix("/") && search.hasSuffix("/")
            let places = isPattern || search.isEmpty ? text.utf8.count + 1 : occurrences(of: search, in: text)
            return tooLong(Double(text.utf8.count) + Double(places) * Double(replacement.utf8.count), bytes)
        case "indent":
            guard arguments.count == 2, let spaces = arguments[0].numberValue, let text = arguments[1].stringValue else { return nil }
            let lines = Double(text.utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 })
            return tooLong(Double(text.utf8.count) + max(0, spaces) * lines, bytes)
        case "split":
            guard arguments.count == 2, let separator = arguments[0].stringValue, let text = arguments[1].stringValue else { return nil }
            let pieces = separator.isEmpty ? Double(text.unicodeScalars.count) : Double(occurrences(of: separator, in: text) + 1)
            return tooMany(pieces, elements)
        default:
            return nil
        }
    }

    private static func tooMany(_ count: Double, _ limit: Double) -> String? {
        guard count > limit else { return nil }
        return "the result would hold \(describe(count)) elements, more than the limit of \(Int(limit)) "
            + "(raise it with --limit collection-length=N)"
    }

    private static func tooLong(_ length: Double, _ limit: Double) -> String? {
        guard length > limit else { return nil }
        return "the result would be \(describe(length)) bytes long, more than the limit of \(Int(limit)) "
            + "(raise it with --limit string-bytes=N)"
    }

    private static func describe(_ number: Double) -> String {
        number < 1e15 ? String(Int(number)) : String(number)
    }

    /// How many elements `range(...)` returns, as Terraform counts them; nil when the arguments are not numbers.
    private static func rangeLength(_ arguments: [Value]) -> Double? {
        let numbers = arguments.compactMap { $0.numberValue ?? $0.stringValue.flatMap(Double.init) }
        guard numbers.count == arguments.count else { return nil }
        let (start, limit, step): (Double, Double, Double)
        switch numbers.count {
        case 1: (start, limit, step) = (0, numbers[0], numbers[0] >= 0 ? 1 : -1)
        case 2: (start, limit, step) = (numbers[0], numbers[1], numbers[1] >= numbers[0] ? 1 : -1)
        case 3: (start, limit, step) = (numbers[0], numbers[1], numbers[2])
        default: return nil
        }
        guard step != 0, step.isFinite else { return nil }
        let count = ((limit - start) / step).rounded(.up)
        return count.isNaN ? nil : max(0, count)
    }

    /// The widest `%N` or `%.N` field of a format string.
    private static func widestField(_ format: String) -> Int {
        var widest = 0
        var digits = 0
        var inSpec = false
        for byte in format.utf8 {
            if byte == UInt8(ascii: "%") {
                inSpec.toggle()
                digits = 0
                continue
            }
            guard inSpec else { continue }
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                digits = min(digits * 10 + Int(byte - UInt8(ascii: "0")), Int.max / 20)
                widest = max(widest, digits)
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "[")
                || byte == UInt8(ascii: "]")
            {
                digits = 0
            } else {
                inSpec = false
                digits = 0
            }
        }
        return widest
    }

    private static func occurrences(of needle: String, in text: String) -> Int {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return text.utf8.count + 1 }
        var count = 0
        let bytes = Array(text.utf8)
        var index = 0
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], Array(bytes[index..<index + pattern.count]) == pattern {
                count += 1
                index += pattern.count
            } else {
                index += 1
            }
        }
        return count
    }
}
