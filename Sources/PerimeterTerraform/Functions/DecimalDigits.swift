/// The decimal digits of a non-negative Double, exact or shortest, and Go's `%e`, `%f` and `%g`
/// layouts built from them (Terraform's `format` follows Go's `fmt`). Rounding is half-to-even on
/// the exact binary value, as in Go and C.
struct DecimalDigits {
    /// Significant digits, most significant first, no trailing zeros (empty for zero).
    var digits: [UInt8]
    /// The value is `0.digits × 10^point`.
    var point: Int

    /// The shortest digits that read back as `value` (Swift's `description` digits).
    static func shortest(_ value: Double) -> DecimalDigits {
        let text = Value.formatNumber(abs(value))
        var digits: [UInt8] = []
        var point = 0
        var seenPoint = false
        for character in text.utf8 {
            if character == UInt8(ascii: ".") {
                seenPoint = true
                continue
            }
            digits.append(character - UInt8(ascii: "0"))
            if !seenPoint { point += 1 }
        }
        return DecimalDigits(digits: digits, point: point).trimmed()
    }

    /// Every digit of `value`'s exact binary value (at most a few hundred).
    static func exact(_ value: Double) -> DecimalDigits {
        let magnitude = abs(value)
        guard magnitude.isFinite, magnitude != 0 else { return DecimalDigits(digits: [], point: 0) }
        var significand = magnitude.significandBitPattern
        var exponent = -1074
        if magnitude.isNormal {
            significand |= 1 << 52
            exponent = Int(magnitude.exponent) - 52
        }
        // Little-endian decimal digits of the integer significand × 2^exponent (or × 5^-exponent).
        var little: [UInt8] = []
        while significand > 0 {
            little.append(UInt8(significand % 10))
            significand /= 10
        }
        var point = 0
        if exponent > 0 {
            var remaining = exponent
            while remaining > 0 {
                let step = min(remaining, 30)
                multiply(&little, by: UInt64(1) << step)
                remaining -= step
            }
        } else if exponent < 0 {
            var remaining = -exponent
            while remaining > 0 {
                let step = min(remaining, 13)
                var factor: UInt64 = 1
                for _ in 0..<step { factor *= 5 }
                multiply(&little, by: factor)
                remaining -= step
            }
            point = exponent
        }
        let digits = Array(little.reversed())
        return DecimalDigits(digits: digits, point: digits.count + point).trimmed()
    }

    private static func multiply(_ little: inout [UInt8], by factor: UInt64) {
        var carry: UInt64 = 0
        for index in little.indices {
            let product = UInt64(little[index]) * factor + carry
            little[index] = UInt8(product % 10)
            carry = product / 10
        }
        while carry > 0 {
            little.append(UInt8(carry % 10))
            carry /= 10
        }
    }

    private func trimmed() -> DecimalDigits {
        var result = self
        while result.digits.last == 0 { result.digits.removeLast() }
        while result.digits.first == 0 {
            result.digits.removeFirst()
            result.point -= 1
        }
        if result.digits.isEmpty { result.point = 0 }
        return result
    }

    /// Rounded to `count` significant digits, half to even when exactly half.
    func rounded(toDigits count: Int) -> DecimalDigits {
        guard count >= 0 else { return DecimalDigits(digits: [], point: 0) }
        guard count < digits.count else { return self }
        let next = digits[count]
        let exactlyHalf = next == 5 && count + 1 == digits.count
        let roundUp = exactlyHalf ? (count > 0 && digits[count - 1] % 2 == 1) : next >= 5
        var kept = Array(digits[..<count])
        var point = self.point
        if roundUp {
            var index = kept.count - 1
            while index >= 0, kept[index] == 9 {
                kept[index] = 0
                index -= 1
            }
            if index >= 0 {
                kept[index] += 1
            } else {
                kept.insert(1, at: 0)
                point += 1
            }
        }
        return DecimalDigits(digits: kept, point: point).trimmed()
    }

    private func digit(at index: Int) -> Character {
        guard digits.indices.contains(index) else { return "0" }
        return Character(Unicode.Scalar(digits[index] + UInt8(ascii: "0")))
    }

    /// `d.ddde±dd` with `precision` digits after the point.
    func exponentLayout(precision: Int, upper: Bool) -> String {
        var text = String(digit(at: 0))
        if precision > 0 {
            text += "." + String((1...precision).map { digit(at: $0) })
        }
        let exponent = digits.isEmpty ? 0 : point - 1
        let magnitude = String(abs(exponent))
        text += (upper ? "E" : "e") + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
        return text
    }

    /// `ddd.ddd` with `precision` digits after the point.
    func fixedLayout(precision: Int) -> String {
        var text = point > 0 ? String((0..<point).map { digit(at: $0) }) : "0"
        if precision > 0 {
            text += "." + String((0..<precision).map { digit(at: point + $0) })
        }
        return text
    }

    /// Go's `%e`, `%f`, `%g` (and upper-case forms) of a non-negative value; nil precision means
    /// the default (6 for `e`/`f`, shortest for `g`).
    static func layout(_ value: Double, verb: Character, precision: Int?) -> String {
        let upper = verb.isUppercase
        switch verb {
        case "e", "E":
            let precision = precision ?? 6
            return exact(value).rounded(toDigits: precision + 1).exponentLayout(precision: precision, upper: upper)
        case "f", "F":
            let precision = precision ?? 6
            let digits = exact(value)
            return digits.rounded(toDigits: digits.point + precision).fixedLayout(precision: precision)
        default:
            let shortest = precision == nil
            var wanted = precision ?? 0
            if wanted == 0, !shortest { wanted = 1 }
            let digits = shortest ? Self.shortest(value) : exact(value).rounded(toDigits: wanted)
            if shortest { wanted = digits.digits.count }
            var exponentLimit = wanted
            if exponentLimit > digits.digits.count, digits.digits.count >= digits.point {
                exponentLimit = digits.digits.count
            }
            if shortest { exponentLimit = 6 }
            let exponent = digits.digits.isEmpty ? 0 : digits.point - 1
            if exponent < -4 || exponent >= exponentLimit {
                return digits.exponentLayout(precision: max(min(wanted, digits.digits.count) - 1, 0), upper: upper)
            }
            let shown = wanted > digits.point ? digits.digits.count : wanted
            return digits.fixedLayout(precision: max(shown - digits.point, 0))
        }
    }
}
