import PerimeterAnalysis
import PerimeterModel

/// A check that says where it could not decide. `run` reports what is certain; `undecided` lists the
/// objects whose verdict hangs on a value the input cannot know, with that value, so that silence
/// means "checked and clean". Adopt it by conforming and returning `undecided(on:location:because:)`
/// entries; `scan` collects them beside the findings.
public protocol ReportsUndecided: Check {
    func undecided(_ context: CheckContext) -> [Undecided]
}

extension Check {
    /// An undecided verdict of this check on one object.
    public func undecided(on resource: String, location: SourceLocation?, because reason: String) -> Undecided {
        Undecided(kind: .check, ruleId: description.id, resource: resource, location: location, reason: reason)
    }

    /// The same, pointing at the object's provenance.
    public func undecided(on provenance: Provenance, because reason: String) -> Undecided {
        undecided(on: provenance.resource, location: provenance.location, because: reason)
    }

    /// What this check left undecided on the context: nothing for checks that have not adopted `ReportsUndecided`.
    public func undecidedEntries(_ context: CheckContext) -> [Undecided] {
        (self as? any ReportsUndecided)?.undecided(context) ?? []
    }
}

/// Undecided entries without repeats, in the order first seen.
struct UndecidedList {
    private(set) var entries: [Undecided] = []
    private var seen = Set<Undecided>()

    mutating func add(_ entry: Undecided) {
        if seen.insert(entry).inserted { entries.append(entry) }
    }

    mutating func add(_ entries: [Undecided]) {
        for entry in entries { add(entry) }
    }
}

/// `Resolved` values a check needs, as undecided reasons: `endpoint_public_access: <why unknown>`.
enum UnknownValue {
    /// The reason when the value is unknown, else nil.
    static func reason<T>(_ value: Resolved<T>?, _ name: String) -> String? {
        guard case .unknown(let why)? = value else { return nil }
        return "\(name) is unknown: \(why)"
    }
}
