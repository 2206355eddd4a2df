import PerimeterModel

/// Gathers the checks' undecided verdicts across every pass: each once, with its input and call chain,
/// and without those a `# perimeter:ignore` for the same check covers (the user has already decided).
struct UndecidedCollector {
    let suppressions: Suppressions
    let records: InputRecords
    private(set) var entries: [Undecided] = []
    private var seen = Set<Undecided>()

    init(suppressions: Suppressions, records: InputRecords) {
        self.suppressions = suppressions
        self.records = records
    }

    mutating func add(_ found: [Undecided], input: String?) {
        for var entry in found {
            entry.input = entry.input ?? input
            entry.callChain = entry.callChain ?? records.callChain(of: entry.resource, input: entry.input)
            guard !suppressions.isSuppressed(entry), seen.insert(entry).inserted else { continue }
            entries.append(entry)
        }
    }
}
