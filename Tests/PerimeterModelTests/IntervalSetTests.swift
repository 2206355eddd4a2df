import PerimeterModel
import Testing

/// SplitMix64: a tiny deterministic generator so property tests replay the same cases.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct IntervalSetTests {
    /// Values are drawn from `base ..< base + universe`, small enough to model with a Set.
    static let universe: UInt128 = 96

    static func randomRanges(_ generator: inout SeededGenerator, base: UInt128) -> [ClosedRange<UInt128>] {
        (0..<Int.random(in: 0...6, using: &generator)).map { _ in
            let a = UInt128(UInt64.random(in: 0..<UInt64(universe), using: &generator))
            let b = UInt128(UInt64.random(in: 0..<UInt64(universe), using: &generator))
            return (base + min(a, b))...(base + max(a, b))
        }
    }

    static func model(_ ranges: [ClosedRange<UInt128>]) -> Set<UInt128> {
        var members = Set<UInt128>()
        for range in ranges {
            var value = range.lowerBound
            while true {
                members.insert(value)
                if value == range.upperBound { break }
                value += 1
            }
        }
        return members
    }

    /// Checks the set against the model and its own invariants (sorted, disjoint, not touching).
    static func expectMatches(
        _ set: IntervalSet, _ model: Set<UInt128>, base: UInt128,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(set.count == UInt128(model.count), sourceLocation: sourceLocation)
        #expect(set.isEmpty == model.isEmpty, sourceLocation: sourceLocation)
        for offset in 0..<universe {
            #expect(set.contains(base + offset) == model.contains(base + offset), sourceLocation: sourceLocation)
        }
        for (a, b) in zip(set.intervals, set.intervals.dropFirst()) {
            #expect(a.upperBound < b.lowerBound && b.lowerBound - a.upperBound > 1, sourceLocation: sourceLocation)
        }
    }

    /// Runs at the bottom and the very top of the 128-bit space, where +1 would overflow.
    @Test(arguments: [UInt128(0), UInt128.max - (96 - 1)])
    func algebraMatchesNaiveModel(base: UInt128) {
        var generator = SeededGenerator(seed: 0x5EED_0001)
        for _ in 0..<400 {
            let a = Self.randomRanges(&generator, base: base)
            let b = Self.randomRanges(&generator, base: base)
            let setA = IntervalSet(a)
            let setB = IntervalSet(b)
            let modelA = Self.model(a)
            let modelB = Self.model(b)

            Self.expectMatches(setA, modelA, base: base)
            Self.expectMatches(setA.union(setB), modelA.union(modelB), base: base)
            Self.expectMatches(setA.intersection(setB), modelA.intersection(modelB), base: base)
            Self.expectMatches(setA.subtracting(setB), modelA.subtracting(modelB), base: base)

            var inserted = IntervalSet()
            for range in a + b { inserted.insert(range) }
            Self.expectMatches(inserted, modelA.union(modelB), base: base)
            #expect(inserted == setA.union(setB))

            let probe = Self.randomRanges(&generator, base: base).first ?? base...base
            let probeModel = Self.model([probe])
            #expect(setA.contains(probe) == probeModel.isSubset(of: modelA))
            #expect(setA.overlaps(probe) == !probeModel.isDisjoint(with: modelA))
        }
    }

    @Test func mergesAdjacentIntervals() {
        let set = IntervalSet([0...4, 5...9, 11...12])
        #expect(set.intervals == [0...9, 11...12])
        var grown = set
        grown.insert(10...10)
        #expect(grown.intervals == [0...12])
    }

    @Test func fullSpaceSaturatesCount() {
        let full = IntervalSet([0...(UInt128.max / 2), (UInt128.max / 2 + 1)...UInt128.max])
        #expect(full.intervals == [0...UInt128.max])
        #expect(full.count == .max)
        #expect(full.contains(CIDR.wholeIPv6.range))
        #expect(full.subtracting(full).isEmpty)
    }

    @Test func buildsFromCIDRs() throws {
        let cidrs = try ["10.0.0.0/9", "10.128.0.0/9", "192.168.0.0/24"].map { try #require(CIDR(parsing: $0)) }
        let set = IntervalSet(cidrs: cidrs)
        #expect(set.contains(try #require(CIDR(parsing: "10.0.0.0/8")).range))
        #expect(!set.contains(try #require(CIDR(parsing: "192.168.0.0/23")).range))
        #expect(set.count == (1 << 24) + 256)
    }
}
