/// Simple case folding orbits, as Go's `unicode.SimpleFold` walks them, derived from the
/// standard library's case mappings: two code points are in one orbit when they fold to the
/// same code point (`k`, `K`, KELVIN SIGN; `s`, `S`, LONG S; `σ`, `ς`, `Σ`).
enum RE2CaseFolding {
    private struct Table: Sendable {
        /// Every code point with a non-trivial orbit, sorted.
        var foldable: [UInt32] = []
        /// The orbit (all members, sorted) of each foldable code point.
        var orbits: [UInt32: [UInt32]] = [:]
    }

    private static let table: Table = {
        var groups: [UInt32: [UInt32]] = [:]
        for value in UInt32(0)...0x1FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.changesWhenCaseMapped else { continue }
            groups[foldKey(scalar), default: []].append(value)
        }
        var table = Table()
        for (key, members) in groups {
            var orbit = members
            if !orbit.contains(key) { orbit.append(key) }
            guard orbit.count > 1 else { continue }
            orbit.sort()
            for member in orbit { table.orbits[member] = orbit }
        }
        table.foldable = table.orbits.keys.sorted()
        return table
    }()

    /// The code point a scalar folds to: lowercase of its uppercase, when both are single code
    /// points. Dotless `ı` keeps its own orbit (Unicode's folding leaves it alone).
    private static func foldKey(_ scalar: Unicode.Scalar) -> UInt32 {
        if scalar.value == 0x131 { return scalar.value }
        var current = scalar
        let upper = current.properties.uppercaseMapping.unicodeScalars
        if upper.count == 1, let only = upper.first { current = only }
        let lower = current.properties.lowercaseMapping.unicodeScalars
        if lower.count == 1, let only = lower.first { current = only }
        return current.value
    }

    static func orbit(of value: UInt32) -> [UInt32] {
        table.orbits[value] ?? [value]
    }

    /// The foldable code points inside a range, found by binary search.
    static func foldableScalars(in range: ClosedRange<UInt32>) -> ArraySlice<UInt32> {
        let foldable = table.foldable
        var low = 0
        var high = foldable.count
        while low < high {
            let middle = (low + high) / 2
            if foldable[middle] < range.lowerBound { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < foldable.count, foldable[end] <= range.upperBound { end += 1 }
        return foldable[low..<end]
    }
}
