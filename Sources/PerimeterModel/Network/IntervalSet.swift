/// A set of `UInt128` values kept as sorted, disjoint, non-adjacent closed intervals.
///
/// One set holds one address family (the exposure engine keeps an IPv4 and an IPv6 set apart).
/// Because touching intervals are merged, two sets with the same members are `==`.
public struct IntervalSet: Hashable, Sendable, CustomStringConvertible {
    /// Sorted by lower bound; no two intervals overlap or touch.
    public private(set) var intervals: [ClosedRange<UInt128>]

    public init() {
        intervals = []
    }

    /// Sorts and merges in O(n log n).
    public init(_ ranges: some Sequence<ClosedRange<UInt128>>) {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt128>] = []
        merged.reserveCapacity(sorted.count)
        for range in sorted {
            if let last = merged.last, IntervalSet.touches(last, range) {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        intervals = merged
    }

    /// The blocks' address ranges; the caller keeps families apart.
    public init(cidrs: some Sequence<CIDR>) {
        self.init(cidrs.lazy.map(\.range))
    }

    public var isEmpty: Bool { intervals.isEmpty }

    /// Number of members; saturates at `UInt128.max` when the set is the full 128-bit space.
    public var count: UInt128 {
        var total: UInt128 = 0
        for range in intervals {
            let size = range.upperBound - range.lowerBound
            // size + 1 and the running sum can only overflow for the full space.
            let (withOne, overflowOne) = size.addingReportingOverflow(1)
            let (sum, overflowSum) = total.addingReportingOverflow(withOne)
            if overflowOne || overflowSum { return .max }
            total = sum
        }
        return total
    }

    public func contains(_ value: UInt128) -> Bool {
        guard let index = lastIndex(startingAtOrBelow: value) else { return false }
        return intervals[index].contains(value)
    }

    /// True when every value of `range` is a member.
    public func contains(_ range: ClosedRange<UInt128>) -> Bool {
        guard let index = lastIndex(startingAtOrBelow: range.lowerBound) else { return false }
        return intervals[index].upperBound >= range.upperBound
    }

    /// True when at least one value of `range` is a member.
    public func overlaps(_ range: ClosedRange<UInt128>) -> Bool {
        if let index = lastIndex(startingAtOrBelow: range.upperBound) {
            return intervals[index].upperBound >= range.lowerBound
        }
        return false
    }

    /// Adds `range`, merging whatever it overlaps or touches: O(log n) search plus the splice.
    public mutating func insert(_ range: ClosedRange<UInt128>) {
        // First interval that could merge: the one before the insertion point if it touches.
        var start = firstIndex(startingAbove: range.lowerBound)
        if start > 0 && IntervalSet.touches(intervals[start - 1], range) { start -= 1 }
        var end = start
        var lower = range.lowerBound
        var upper = range.upperBound
        while end < intervals.count && IntervalSet.touches(range, intervals[end]) {
            lower = min(lower, intervals[end].lowerBound)
            upper = max(upper, intervals[end].upperBound)
            end += 1
        }
        intervals.replaceSubrange(start..<end, with: [lower...upper])
    }

    public mutating func formUnion(_ other: IntervalSet) {
        self = union(other)
    }

    /// Linear merge of the two sorted lists.
    public func union(_ other: IntervalSet) -> IntervalSet {
        var result: [ClosedRange<UInt128>] = []
        result.reserveCapacity(intervals.count + other.intervals.count)
        var left = 0
        var right = 0
        while left < intervals.count || right < other.intervals.count {
            let next: ClosedRange<UInt128>
            if right == other.intervals.count
                || (left < intervals.count && intervals[left].lowerBound <= other.intervals[right].lowerBound)
            {
                next = intervals[left]
                left += 1
            } else {
                next = other.intervals[right]
                right += 1
            }
            if let last = result.last, IntervalSet.touches(last, next) {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, next.upperBound)
            } else {
                result.append(next)
            }
        }
        return IntervalSet(sortedDisjoint: result)
    }

    public func intersection(_ other: IntervalSet) -> IntervalSet {
        var result: [ClosedRange<UInt128>] = []
        var left = 0
        var right = 0
        while left < intervals.count && right < other.intervals.count {
            let a = intervals[left]
            let b = other.intervals[right]
            let lower = max(a.lowerBound, b.lowerBound)
            let upper = min(a.upperBound, b.upperBound)
            if lower <= upper { result.append(lower...upper) }
            if a.upperBound < b.upperBound { left += 1 } else { right += 1 }
        }
        return IntervalSet(sortedDisjoint: result)
    }

    public mutating func subtract(_ other: IntervalSet) {
        self = subtracting(other)
    }

    /// Members of this set that are not in `other`.
    public func subtracting(_ other: IntervalSet) -> IntervalSet {
        var result: [ClosedRange<UInt128>] = []
        var right = 0
        for interval in intervals {
            var lower = interval.lowerBound
            var exhausted = false
            while right < other.intervals.count && other.intervals[right].upperBound < lower { right += 1 }
            var probe = right
            while probe < other.intervals.count && other.intervals[probe].lowerBound <= interval.upperBound {
                let cut = other.intervals[probe]
                if cut.lowerBound > lower { result.append(lower...(cut.lowerBound - 1)) }
                if cut.upperBound >= interval.upperBound {
                    exhausted = true
                    break
                }
                lower = cut.upperBound + 1
                probe += 1
            }
            if !exhausted { result.append(lower...interval.upperBound) }
        }
        return IntervalSet(sortedDisjoint: result)
    }

    public var description: String {
        "{" + intervals.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ", ") + "}"
    }

    private init(sortedDisjoint intervals: [ClosedRange<UInt128>]) {
        self.intervals = intervals
    }

    /// Overlapping or adjacent (`a` ends right before `b` starts, or the reverse).
    private static func touches(_ a: ClosedRange<UInt128>, _ b: ClosedRange<UInt128>) -> Bool {
        let aReachesB = a.upperBound == .max || a.upperBound + 1 >= b.lowerBound
        let bReachesA = b.upperBound == .max || b.upperBound + 1 >= a.lowerBound
        return aReachesB && bReachesA
    }

    /// Index of the last interval whose lower bound is <= value.
    private func lastIndex(startingAtOrBelow value: UInt128) -> Int? {
        let index = firstIndex(startingAbove: value)
        return index == 0 ? nil : index - 1
    }

    /// Index of the first interval whose lower bound is > value (binary search).
    private func firstIndex(startingAbove value: UInt128) -> Int {
        var low = 0
        var high = intervals.count
        while low < high {
            let mid = (low + high) / 2
            if intervals[mid].lowerBound <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
