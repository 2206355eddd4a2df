import Synchronization

/// Unicode scripts for `\p{Greek}`. The standard library keeps script data only behind its own
/// `Regex`, so each script's ranges are read once by matching `\p{Script=Name}` over every
/// code point that any script uses, then cached.
enum RE2Scripts {
    private static let cache = Mutex<[String: RE2CharSet?]>([:])

    /// Every code point outside the unassigned planes 4 to 13, skipping surrogates.
    private static let universe: String = {
        var scalars = String.UnicodeScalarView()
        for plane in [0x0...0x3FFFF, 0xE0000...0xE01FF] as [ClosedRange<UInt32>] {
            for value in plane { if let scalar = Unicode.Scalar(value) { scalars.append(scalar) } }
        }
        return String(scalars)
    }()

    static func script(_ name: String) -> RE2CharSet? {
        // Go's script names: a capital letter, then letters and underscores (`Old_Italic`).
        guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first),
            name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "_" })
        else { return nil }
        if let cached = cache.withLock({ $0[name] }) { return cached }
        let set = build(name)
        cache.withLock { $0[name] = set }
        return set
    }

    private static func build(_ name: String) -> RE2CharSet? {
        guard let regex = try? Regex("\\p{Script=\(name)}+").matchingSemantics(.unicodeScalar) else { return nil }
        var ranges: [ClosedRange<UInt32>] = []
        for match in universe.matches(of: regex) {
            let scalars = universe.unicodeScalars[match.range]
            guard let first = scalars.first, let last = scalars.last else { continue }
            ranges.append(first.value...last.value)
        }
        return RE2CharSet(ranges: ranges)
    }
}
