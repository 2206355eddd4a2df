/// A set of Unicode code points as sorted, disjoint, non-adjacent closed ranges: the one
/// representation of literals, `.`, classes, `\d`, `\pL` and their case-folded forms.
struct RE2CharSet: Hashable, Sendable {
    static let maximumScalar: UInt32 = 0x10FFFF

    /// Flattened pairs: `bounds[2k]...bounds[2k+1]` is the k-th range.
    private(set) var bounds: [UInt32] = []
    /// Members below 128, for the common case of ASCII text.
    private var asciiLow: UInt64 = 0
    private var asciiHigh: UInt64 = 0

    init() {}

    init(ranges: [ClosedRange<UInt32>]) {
        var set = RE2CharSet()
        set.bounds = Self.normalized(ranges.flatMap { [$0.lowerBound, $0.upperBound] })
        set.refreshASCII()
        self = set
    }

    static func scalar(_ value: UInt32) -> RE2CharSet { RE2CharSet(ranges: [value...value]) }

    var isEmpty: Bool { bounds.isEmpty }
    var rangeCount: Int { bounds.count / 2 }

    var ranges: [ClosedRange<UInt32>] {
        stride(from: 0, to: bounds.count, by: 2).map { bounds[$0]...bounds[$0 + 1] }
    }

    /// The single member, when the set has exactly one.
    var singleScalar: UInt32? {
        bounds.count == 2 && bounds[0] == bounds[1] ? bounds[0] : nil
    }

    func contains(_ value: UInt32) -> Bool {
        if value < 64 { return asciiLow & (1 << UInt64(value)) != 0 }
        if value < 128 { return asciiHigh & (1 << UInt64(value - 64)) != 0 }
        // Binary search for the last range starting at or below the value.
        var low = 0
        var high = bounds.count / 2
        while low < high {
            let middle = (low + high) / 2
            if bounds[2 * middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low > 0 && value <= bounds[2 * (low - 1) + 1]
    }

    func union(_ other: RE2CharSet) -> RE2CharSet {
        var set = RE2CharSet()
        set.bounds = Self.normalized(bounds + other.bounds)
        set.refreshASCII()
        return set
    }

    func inserting(_ range: ClosedRange<UInt32>) -> RE2CharSet {
        var set = RE2CharSet()
        set.bounds = Self.normalized(bounds + [range.lowerBound, range.upperBound])
        set.refreshASCII()
        return set
    }

    /// Every code point not in the set.
    func negated() -> RE2CharSet {
        var result: [UInt32] = []
        var next: UInt32 = 0
        var index = 0
        while index < bounds.count {
            if bounds[index] > next { result += [next, bounds[index] - 1] }
            next = bounds[index + 1] == Self.maximumScalar ? Self.maximumScalar + 1 : bounds[index + 1] + 1
            index += 2
        }
        if next <= Self.maximumScalar { result += [next, Self.maximumScalar] }
        var set = RE2CharSet()
        set.bounds = result
        set.refreshASCII()
        return set
    }

    /// The set closed under simple case folding, as `(?i)` reads it (`k` also matches `K` and KELVIN SIGN).
    func caseFolded() -> RE2CharSet {
        var extra: [UInt32] = []
        for range in ranges {
            for member in RE2CaseFolding.foldableScalars(in: range) {
                for other in RE2CaseFolding.orbit(of: member) { extra += [other, other] }
            }
        }
        if extra.isEmpty { return self }
        var set = RE2CharSet()
        set.bounds = Self.normalized(bounds + extra)
        set.refreshASCII()
        return set
    }

    private mutating func refreshASCII() {
        asciiLow = 0
        asciiHigh = 0
        var index = 0
        while index < bounds.count, bounds[index] < 128 {
            for value in bounds[index]...min(bounds[index + 1], 127) {
                if value < 64 { asciiLow |= 1 << UInt64(value) } else { asciiHigh |= 1 << UInt64(value - 64) }
            }
            index += 2
        }
    }

    /// Sorts flattened pairs and merges overlapping or adjacent ranges.
    private static func normalized(_ flat: [UInt32]) -> [UInt32] {
        var pairs: [(UInt32, UInt32)] = []
        pairs.reserveCapacity(flat.count / 2)
        var index = 0
        while index + 1 < flat.count {
            if flat[index] <= flat[index + 1] { pairs.append((flat[index], flat[index + 1])) }
            index += 2
        }
        pairs.sort { $0.0 < $1.0 }
        var result: [UInt32] = []
        result.reserveCapacity(pairs.count * 2)
        for (low, high) in pairs {
            if let last = result.last, low <= last &+ 1, last != UInt32.max {
                if high > last { result[result.count - 1] = high }
            } else {
                result += [low, high]
            }
        }
        return result
    }
}
