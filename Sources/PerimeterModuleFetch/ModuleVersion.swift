/// A module version as Terraform reads one for module constraints (hashicorp/go-version): any number of
/// numeric segments, compared as if padded to three, an optional `-prerelease` and `+metadata` (ignored
/// when comparing), and an optional leading `v`.
public struct ModuleVersion: Comparable, Hashable, CustomStringConvertible, Sendable {
    /// Numeric segments, padded with zeros to at least three.
    public let segments: [Int]
    /// How many segments were written: `~> 1.2` and `~> 1.2.0` differ.
    public let specified: Int
    public let prerelease: String
    public let metadata: String
    public let description: String

    public init?(_ text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        description = String(rest)
        if rest.first == "v" { rest = rest.dropFirst() }
        var numbers: [Int] = []
        while true {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let number = Int(digits) else { return nil }
            numbers.append(number)
            rest = rest.dropFirst(digits.count)
            guard rest.first == ".", rest.dropFirst().first?.isNumber == true else { break }
            rest = rest.dropFirst()
        }
        var prerelease = ""
        var metadata = ""
        if let plus = rest.firstIndex(of: "+") {
            metadata = String(rest[rest.index(after: plus)...])
            guard Self.isIdentifierList(metadata) else { return nil }
            rest = rest[..<plus]
        }
        if !rest.isEmpty {
            // go-version takes `1.2.3-beta` and also `1.2.3beta`.
            if rest.first == "-" { rest = rest.dropFirst() } else if rest.first?.isLetter != true { return nil }
            prerelease = String(rest)
            guard Self.isIdentifierList(prerelease) else { return nil }
        }
        specified = numbers.count
        segments = numbers + Array(repeating: 0, count: max(0, 3 - numbers.count))
        self.prerelease = prerelease
        self.metadata = metadata
    }

    public var isPrerelease: Bool { !prerelease.isEmpty }

    private static func isIdentifierList(_ text: String) -> Bool {
        !text.isEmpty
            && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
                !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "~") }
            }
    }

    /// -1, 0 or 1; metadata never counts.
    public func compare(_ other: ModuleVersion) -> Int {
        let count = max(segments.count, other.segments.count)
        for index in 0..<count {
            let a = index < segments.count ? segments[index] : 0
            let b = index < other.segments.count ? other.segments[index] : 0
            if a != b { return a < b ? -1 : 1 }
        }
        switch (prerelease.isEmpty, other.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): return Self.comparePrereleases(prerelease, other.prerelease)
        }
    }

    /// Dot-separated parts in turn: numbers numerically and below words, words lexically, a missing part lowest.
    private static func comparePrereleases(_ a: String, _ b: String) -> Int {
        let left = a.split(separator: ".").map(String.init)
        let right = b.split(separator: ".").map(String.init)
        for index in 0..<max(left.count, right.count) {
            let x = index < left.count ? left[index] : ""
            let y = index < right.count ? right[index] : ""
            if x == y { continue }
            if x.isEmpty { return -1 }
            if y.isEmpty { return 1 }
            switch (Int(x), Int(y)) {
            case (let m?, let n?): return m < n ? -1 : 1
            case (_?, nil): return -1
            case (nil, _?): return 1
            case (nil, nil): return x < y ? -1 : 1
            }
        }
        return 0
    }

    public static func < (lhs: ModuleVersion, rhs: ModuleVersion) -> Bool { lhs.compare(rhs) < 0 }
    public static func == (lhs: ModuleVersion, rhs: ModuleVersion) -> Bool { lhs.compare(rhs) == 0 }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(segments.reversed().drop { $0 == 0 }.map { $0 })
        hasher.combine(prerelease)
    }
}
