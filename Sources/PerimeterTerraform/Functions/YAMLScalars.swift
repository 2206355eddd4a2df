/// What a plain (unquoted) YAML scalar means, as Terraform's `yamldecode` resolves it: YAML 1.1
/// null and bool words, decimal, hexadecimal and octal numbers, and timestamps, which become
/// RFC 3339 strings (`2001-12-14` is `2001-12-14T00:00:00Z`).
enum YAMLScalars {
    static func resolvePlain(_ text: String) -> Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
        default: break
        }
        if let number = Value.parseNumber(text) { return .number(number) }
        for (prefix, radix) in [("0x", 16), ("0o", 8)] where text.hasPrefix(prefix) {
            if let integer = Int64(text.dropFirst(2), radix: radix) { return .number(Double(integer)) }
        }
        if let timestamp = timestamp(text) { return .string(timestamp) }
        return .string(text)
    }

    /// A YAML timestamp (`2001-12-14`, `2001-12-14T21:59:43.10-05:00`, `2001-12-14 21:59:43`)
    /// in RFC 3339 form with whole seconds; nil when the text is not one.
    static func timestamp(_ text: String) -> String? {
        var reader = Reader(scalars: Array(text.unicodeScalars))
        guard let year = reader.digits(4...4), reader.skip("-"), let month = reader.digits(1...2), reader.skip("-"),
            let day = reader.digits(1...2), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else {
            return nil
        }
        let date = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        if reader.atEnd { return date + "T00:00:00Z" }
        guard let separator = reader.next(), separator == "T" || separator == "t" || separator == " " else { return nil }
        guard let hour = reader.digits(1...2), reader.skip(":"), let minute = reader.digits(1...2), reader.skip(":"),
            let second = reader.digits(1...2), hour < 24, minute < 60, second < 60
        else {
            return nil
        }
        if reader.skip("."), reader.digits(1...9) == nil { return nil }
        let time = date + "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
        if separator == " " { return reader.atEnd ? time + "Z" : nil }
        if reader.skip("Z"), reader.atEnd { return time + "Z" }
        guard let sign = reader.next(), sign == "+" || sign == "-", let zoneHour = reader.digits(2...2), reader.skip(":"),
            let zoneMinute = reader.digits(2...2), reader.atEnd, zoneHour < 24, zoneMinute < 60
        else {
            return nil
        }
        if zoneHour == 0, zoneMinute == 0 { return time + "Z" }
        return time + String(sign) + pad(zoneHour, 2) + ":" + pad(zoneMinute, 2)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        var position = 0

        var atEnd: Bool { position == scalars.count }

        mutating func next() -> Unicode.Scalar? {
            guard position < scalars.count else { return nil }
            position += 1
            return scalars[position - 1]
        }

        mutating func skip(_ scalar: Unicode.Scalar) -> Bool {
            guard position < scalars.count, scalars[position] == scalar else { return false }
            position += 1
            return true
        }

        /// A run of ASCII digits whose length is in `count`.
        mutating func digits(_ count: ClosedRange<Int>) -> Int? {
            var value = 0
            var length = 0
            while position < scalars.count, ("0"..."9").contains(scalars[position]), length < count.upperBound {
                value = value * 10 + Int(scalars[position].value - 48)
                length += 1
                position += 1
            }
            return count.contains(length) ? value : nil
        }
    }
}
