/// How big a value is once written out: its elements and the bytes of its strings, counted where they
/// appear (a list holding one shared 1 MiB string ten times weighs 10 MiB, as its JSON would).
/// Counting stops past a bound, so weighing a huge value costs no more than the bound.
struct ValueWeight: Hashable, Sendable {
    var elements = 0
    var stringBytes = 0

    /// Walks without recursion, so a deep value cannot exhaust the stack.
    static func of(_ values: [Value], stoppingAbove bound: ValueWeight) -> ValueWeight {
        var weight = ValueWeight()
        var pending = values
        while let value = pending.popLast() {
            weight.elements += 1
            switch value {
            case .string(let text):
                weight.stringBytes += text.utf8.count
            case .list(let items), .set(let items):
                pending += items
            case .object(let fields):
                for (key, field) in fields {
                    weight.stringBytes += key.utf8.count
                    pending.append(field)
                }
            case .null, .bool, .number, .unknown:
                break
            }
            if weight.elements > bound.elements || weight.stringBytes > bound.stringBytes { return weight }
        }
        return weight
    }

    func exceeds(_ bound: ValueWeight) -> Bool { elements > bound.elements || stringBytes > bound.stringBytes }
}
