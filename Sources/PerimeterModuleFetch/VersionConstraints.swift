/// A module `version` argument as Terraform reads it (hashicorp/go-version): comma-joined constraints,
/// all of which must hold. Operators `=` (or none), `!=`, `>`, `>=`, `<`, `<=` and `~>`.
public struct VersionConstraints: Sendable, CustomStringConvertible {
    public enum Operator: String, Sendable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case greater = ">"
        case greaterOrEqual = ">="
        case less = "<"
        case lessOrEqual = "<="
        case pessimistic = "~>"
    }

    public struct Constraint: Sendable {
        public var op: Operator
        public var version: ModuleVersion
    }

    public let constraints: [Constraint]
    public let description: String

    /// Parses a constraint string; the error names the part that is not one.
    public init(parsing text: String) throws(ModuleFetchError) {
        description = text
        var parsed: [Constraint] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            var rest = Substring(part.trimmingCharacters(in: .whitespaces))
            // Longest operators first, so `>=` is not read as `>` then `=1.0`.
            let op = [Operator.notEqual, .greaterOrEqual, .lessOrEqual, .pessimistic, .equal, .greater, .less]
                .first { rest.hasPrefix($0.rawValue) }
            if let op { rest = rest.dropFirst(op.rawValue.count) }
            guard let version = ModuleVersion(String(rest)) else {
                throw .invalidConstraint(text, part: part.trimmingCharacters(in: .whitespaces))
            }
            parsed.append(Constraint(op: op ?? .equal, version: version))
        }
        constraints = parsed
    }

    /// Whether every constraint allows `version`.
    public func allows(_ version: ModuleVersion) -> Bool {
        constraints.allSatisfy { $0.allows(version) }
    }

    /// The newest version Terraform would install from `available`: a prerelease only when a constraint
    /// names exactly that version.
    public func newest(of available: [ModuleVersion]) -> ModuleVersion? {
        available.filter { version in
            guard allows(version) else { return false }
            guard version.isPrerelease else { return true }
            return constraints.contains { $0.op == .equal && $0.version == version }
        }.max()
    }
}

extension VersionConstraints.Constraint {
    func allows(_ v: ModuleVersion) -> Bool {
        let c = version
        switch op {
        case .equal: return v == c
        case .notEqual: return v != c
        case .greater: return Self.prereleasesCompatible(v, c) && v > c
        case .greaterOrEqual: return Self.prereleasesCompatible(v, c) && v >= c
        case .less: return Self.prereleasesCompatible(v, c) && v < c
        case .lessOrEqual: return Self.prereleasesCompatible(v, c) && v <= c
        case .pessimistic:
            // `~> 1.2.3` is >= 1.2.3 and < 1.3; `~> 1.2` is >= 1.2 and < 2. The segments written, but the
            // last, must be equal; the last may grow.
            guard Self.prereleasesCompatible(v, c), !(c.isPrerelease && !v.isPrerelease), v >= c,
                c.specified <= v.specified
            else { return false }
            for index in 0..<(c.specified - 1) where v.segments[index] != c.segments[index] { return false }
            return v.segments[c.specified - 1] >= c.segments[c.specified - 1]
        }
    }

    /// A prerelease version matches only a constraint on a prerelease of the same release.
    private static func prereleasesCompatible(_ v: ModuleVersion, _ c: ModuleVersion) -> Bool {
        switch (v.isPrerelease, c.isPrerelease) {
        case (true, true): return Array(v.segments.prefix(3)) == Array(c.segments.prefix(3))
        case (true, false): return false
        default: return true
        }
    }
}
