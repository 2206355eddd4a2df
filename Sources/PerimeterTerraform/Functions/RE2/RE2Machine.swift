/// Go's NFA simulation (a Pike VM): every thread advances one code point at a time, at most
/// one thread per instruction, in priority order, so a search costs at most
/// `instructions x (code points + 1)` steps whatever the pattern.
struct RE2Machine {
    let program: RE2Program
    /// Instructions visited, for tests to see the bound hold, and for the work limit.
    private(set) var steps = 0
    let stepLimit: Int

    /// The threads waiting at one position: a sparse set over instructions, the threads (on
    /// `set` and `match` instructions) in priority order, and their capture slots.
    private struct Queue {
        var sparse: [Int32]
        var dense: [Int32]
        var denseCount = 0
        var threads: [Int32] = []
        var slots: [Int32]

        init(_ program: RE2Program) {
            sparse = Array(repeating: 0, count: program.instructions.count)
            dense = Array(repeating: 0, count: program.instructions.count)
            slots = Array(repeating: -1, count: program.threadCount * program.slotCount)
            threads.reserveCapacity(program.threadCount)
        }

        /// Adds the instruction to the set; false when it was already there.
        mutating func insert(_ pc: Int32) -> Bool {
            let position = Int(sparse[Int(pc)])
            if position < denseCount && dense[position] == pc { return false }
            sparse[Int(pc)] = Int32(denseCount)
            dense[denseCount] = pc
            denseCount += 1
            return true
        }

        mutating func clear() {
            denseCount = 0
            threads.removeAll(keepingCapacity: true)
        }
    }

    /// The queues of the current and of the next position, swapped at each step.
    private var queues: [Queue]
    private var currentQueue = 0
    /// The exploration stack of `add`: instructions to visit, and capture slots to restore (negative).
    private var stack: [(Int32, Int32)] = []
    private var work: [Int32]

    init(_ program: RE2Program, stepLimit: Int) {
        self.program = program
        self.stepLimit = stepLimit
        queues = [Queue(program), Queue(program)]
        work = Array(repeating: -1, count: program.slotCount)
    }

    /// The leftmost-first match starting at or after `start` in `text`, as capture slots
    /// (code point offsets, -1 for a group that did not take part); nil when there is none.
    mutating func firstMatch(in text: [Unicode.Scalar], from start: Int) throws(RE2Error) -> [Int]? {
        let slotCount = program.slotCount
        var matched: [Int32]?
        queues[0].clear()
        queues[1].clear()
        var position = start
        while true {
            let current = currentQueue
            let next = 1 - currentQueue
            if queues[current].threads.isEmpty {
                if program.startsAnchored && position != 0 { break }
                if matched != nil { break }
            }
            if matched == nil, queues[current].threads.isEmpty, let first = program.firstScalars {
                // Nothing is running: jump to the next code point a match can start with.
                while position < text.count, !first.contains(text[position].value) { position += 1 }
                if position == text.count { break }
            }
            if matched == nil && (position == 0 || !program.startsAnchored) {
                for slot in 0..<slotCount { work[slot] = -1 }
                add(to: current, pc: Int32(program.start), position: position, assertions: assertions(at: position, in: text))
            }
            let scalar = position < text.count ? text[position].value : nil
            let nextAssertions = scalar == nil ? [] : assertions(at: position + 1, in: text)
            // Step every thread over the code point, in priority order.
            for threadIndex in 0..<queues[current].threads.count {
                let pc = Int(queues[current].threads[threadIndex])
                let instruction = program.instructions[pc]
                let base = Int(program.threadSlot[pc]) * slotCount
                steps += 1
                if instruction.operation == .match {
                    var slots = Array(queues[current].slots[base..<base + slotCount])
                    slots[1] = Int32(position)
                    matched = slots
                    // Leftmost-first: every lower-priority thread is cut off.
                    break
                }
                guard let scalar, program.sets[Int(instruction.argument)].contains(scalar) else { continue }
                for slot in 0..<slotCount { work[slot] = queues[current].slots[base + slot] }
                add(to: next, pc: instruction.next, position: position + 1, assertions: nextAssertions)
            }
            if steps > stepLimit {
                throw RE2Error("the regular expression needs more than \(stepLimit) steps on this input")
            }
            queues[current].clear()
            currentQueue = next
            if scalar == nil { break }
            position += 1
        }
        return matched.map { $0.map(Int.init) }
    }

    private func assertions(at position: Int, in text: [Unicode.Scalar]) -> RE2Assertion {
        RE2Assertion.holding(
            before: position > 0 ? text[position - 1].value : nil,
            after: position < text.count ? text[position].value : nil)
    }

    /// Follows splits, saves, assertions and no-ops from `pc` (Go's `machine.add`), queueing a
    /// thread on each `set` or `match` reached, with the capture slots in `work` as they are there.
    private mutating func add(to queue: Int, pc start: Int32, position: Int, assertions: RE2Assertion) {
        stack.append((start, 0))
        while let (entry, saved) = stack.popLast() {
            if entry < 0 {
                work[Int(-entry - 1)] = saved
                continue
            }
            var pc = entry
            explore: while pc > 0, queues[queue].insert(pc) {
                steps += 1
                let instruction = program.instructions[Int(pc)]
                switch instruction.operation {
                case .fail:
                    break explore
                case .split:
                    stack.append((instruction.argument, 0))
                    pc = instruction.next
                case .nop:
                    pc = instruction.next
                case .assertion:
                    guard assertions.isSuperset(of: RE2Assertion(rawValue: UInt8(instruction.argument))) else { break explore }
                    pc = instruction.next
                case .save:
                    let slot = Int(instruction.argument)
                    stack.append((Int32(-slot - 1), work[slot]))
                    work[slot] = Int32(position)
                    pc = instruction.next
                case .set, .match:
                    let base = Int(program.threadSlot[Int(pc)]) * program.slotCount
                    for slot in 0..<program.slotCount { queues[queue].slots[base + slot] = work[slot] }
                    queues[queue].threads.append(pc)
                    break explore
                }
            }
        }
    }
}
