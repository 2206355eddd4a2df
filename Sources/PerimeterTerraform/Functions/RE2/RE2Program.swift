/// A compiled pattern: instructions for the Pike VM, built as Go's `regexp/syntax` compiles
/// (same priorities, so the same leftmost-first matches and captures).
struct RE2Program: Sendable {
    /// More instructions than this is refused, like RE2's memory budget for a program.
    static let maximumInstructions = 100_000
    /// Threads times capture slots the machine may hold in one queue.
    static let maximumThreadSlots = 4_000_000

    enum Operation: UInt8, Sendable {
        case fail, match, set, split, save, assertion, nop
    }

    struct Instruction: Sendable {
        var operation: Operation
        /// The next instruction (for `split`, the preferred one).
        var next: Int32 = -1
        /// `split`: the other branch; `save`: the slot; `assertion`: its bits; `set`: the set's index.
        var argument: Int32 = -1
    }

    var instructions: [Instruction] = [Instruction(operation: .fail)]
    var sets: [RE2CharSet] = []
    var start = 0
    /// Capture slots: two per group, the whole match included.
    var slotCount = 2
    /// For instructions that hold a thread (`set`, `match`), the index of their thread storage.
    var threadSlot: [Int32] = []
    var threadCount = 0
    /// The assertions every match must satisfy where it starts (`\A` anchors the search).
    var startsAnchored = false
    /// The code points a match can start with, when every match starts with one (no empty
    /// match, no assertion first): the search skips ahead to them.
    var firstScalars: RE2CharSet?

    static func compile(_ node: RE2Node, groupCount: Int) throws(RE2Error) -> RE2Program {
        var compiler = Compiler()
        compiler.program.slotCount = 2 * (groupCount + 1)
        let body = try compiler.compile(.capture(0, node))
        let match = try compiler.emit(Instruction(operation: .match))
        compiler.patch(body.holes, to: match)
        var program = compiler.program
        program.start = body.start
        program.threadSlot = program.instructions.map { instruction in
            guard instruction.operation == .set || instruction.operation == .match else { return -1 }
            defer { program.threadCount += 1 }
            return Int32(program.threadCount)
        }
        guard program.threadCount * program.slotCount <= maximumThreadSlots else { throw RE2Error("expression too large") }
        program.startsAnchored = program.startAssertions().contains(.beginText)
        program.firstScalars = program.scalarsStartingAMatch()
        return program
    }

    /// Assertions on the path from the start that every thread passes before anything else.
    func startAssertions() -> RE2Assertion {
        var assertions: RE2Assertion = []
        var pc = start
        while pc > 0 {
            let instruction = instructions[pc]
            switch instruction.operation {
            case .save, .nop: pc = Int(instruction.next)
            case .assertion:
                assertions.insert(RE2Assertion(rawValue: UInt8(instruction.argument)))
                pc = Int(instruction.next)
            default: return assertions
            }
        }
        return assertions
    }

    /// The union of the sets reachable from the start without consuming anything; nil when an
    /// assertion or the match is reachable that way, or when the union would be large.
    func scalarsStartingAMatch() -> RE2CharSet? {
        var union = RE2CharSet()
        var seen = Set<Int>()
        var pending = [start]
        while let pc = pending.popLast() {
            guard pc > 0, seen.insert(pc).inserted else { continue }
            guard seen.count <= 1_000 else { return nil }
            let instruction = instructions[pc]
            switch instruction.operation {
            case .fail: continue
            case .match, .assertion: return nil
            case .save, .nop: pending.append(Int(instruction.next))
            case .split: pending += [Int(instruction.next), Int(instruction.argument)]
            case .set: union = union.union(sets[Int(instruction.argument)])
            }
        }
        return union
    }

    /// A piece of program: where it starts, the exits still to connect, and whether it can
    /// match the empty string (Go compiles `x*` of such an `x` as `(x+)?`).
    struct Fragment {
        var start: Int
        var holes: [Hole]
        var nullable: Bool
        static let fail = Fragment(start: 0, holes: [], nullable: false)
        var isFail: Bool { start == 0 }
    }

    struct Hole {
        var instruction: Int
        var isArgument: Bool
    }

    struct Compiler {
        var program = RE2Program()
        var setIndex: [RE2CharSet: Int32] = [:]

        mutating func emit(_ instruction: Instruction) throws(RE2Error) -> Int {
            guard program.instructions.count < RE2Program.maximumInstructions else { throw RE2Error("expression too large") }
            program.instructions.append(instruction)
            return program.instructions.count - 1
        }

        mutating func patch(_ holes: [Hole], to target: Int) {
            for hole in holes {
                if hole.isArgument {
                    program.instructions[hole.instruction].argument = Int32(target)
                } else {
                    program.instructions[hole.instruction].next = Int32(target)
                }
            }
        }

        mutating func single(_ operation: Operation, argument: Int32 = -1, nullable: Bool) throws(RE2Error) -> Fragment {
            let index = try emit(Instruction(operation: operation, argument: argument))
            return Fragment(start: index, holes: [Hole(instruction: index, isArgument: false)], nullable: nullable)
        }

        mutating func compile(_ node: RE2Node) throws(RE2Error) -> Fragment {
            switch node {
            case .empty:
                return try single(.nop, nullable: true)
            case .set(let set):
                if set.isEmpty { return .fail }
                let index: Int32
                if let known = setIndex[set] {
                    index = known
                } else {
                    index = Int32(program.sets.count)
                    program.sets.append(set)
                    setIndex[set] = index
                }
                return try single(.set, argument: index, nullable: false)
            case .assertion(let assertion):
                return try single(.assertion, argument: Int32(assertion.rawValue), nullable: true)
            case .capture(let number, let inner):
                let open = try single(.save, argument: Int32(2 * number), nullable: true)
                let body = try compile(inner)
                let close = try single(.save, argument: Int32(2 * number + 1), nullable: true)
                return concatenate(concatenate(open, body), close)
            case .concatenation(let nodes):
                var fragment: Fragment?
                for node in nodes {
                    let next = try compile(node)
                    fragment = joined(fragment, next)
                }
                if let fragment { return fragment }
                return try single(.nop, nullable: true)
            case .alternation(let nodes):
                var fragment = Fragment.fail
                for node in nodes { fragment = try alternate(fragment, try compile(node)) }
                return fragment
            case .repetition(let inner, let min, let max, let greedy):
                return try repetition(inner, min: min, max: max, greedy: greedy)
            }
        }

        /// Counted repetitions spelled out as Go's simplifier does: `x{2,4}` is `xx(x(x)?)?`, `x{2,}` is `xx+`.
        mutating func repetition(_ inner: RE2Node, min: Int, max: Int?, greedy: Bool) throws(RE2Error) -> Fragment {
            switch (min, max) {
            case (0, nil): return try star(try compile(inner), greedy: greedy)
            case (1, nil): return try plus(try compile(inner), greedy: greedy)
            case (0, 1): return try quest(try compile(inner), greedy: greedy)
            case (0, 0): return try single(.nop, nullable: true)
            case (1, 1): return try compile(inner)
            default: break
            }
            var fragment: Fragment?
            let copies = max == nil ? min - 1 : min
            for _ in 0..<copies {
                let next = try compile(inner)
                fragment = joined(fragment, next)
            }
            if max == nil {
                let tail = try plus(try compile(inner), greedy: greedy)
                return joined(fragment, tail)
            }
            guard let max, max > min else { return fragment! }
            // The optional suffix, built from the inside out: (x(x(x)?)?)?
            var suffix = try quest(try compile(inner), greedy: greedy)
            for _ in (min + 1)..<max {
                suffix = try quest(concatenate(try compile(inner), suffix), greedy: greedy)
            }
            return joined(fragment, suffix)
        }

        mutating func joined(_ first: Fragment?, _ second: Fragment) -> Fragment {
            guard let first else { return second }
            return concatenate(first, second)
        }

        mutating func concatenate(_ first: Fragment, _ second: Fragment) -> Fragment {
            if first.isFail || second.isFail { return .fail }
            patch(first.holes, to: second.start)
            return Fragment(start: first.start, holes: second.holes, nullable: first.nullable && second.nullable)
        }

        mutating func alternate(_ first: Fragment, _ second: Fragment) throws(RE2Error) -> Fragment {
            if first.isFail { return second }
            if second.isFail { return first }
            let index = try emit(Instruction(operation: .split, next: Int32(first.start), argument: Int32(second.start)))
            return Fragment(start: index, holes: first.holes + second.holes, nullable: first.nullable || second.nullable)
        }

        mutating func quest(_ body: Fragment, greedy: Bool) throws(RE2Error) -> Fragment {
            let index = try emit(Instruction(operation: .split))
            if greedy {
                program.instructions[index].next = Int32(body.start)
            } else {
                program.instructions[index].argument = Int32(body.start)
            }
            return Fragment(start: index, holes: [Hole(instruction: index, isArgument: greedy)] + body.holes, nullable: true)
        }

        /// `x` followed by a split back to it: the loop of `x+` and of `x*`.
        mutating func loop(_ body: Fragment, greedy: Bool) throws(RE2Error) -> Fragment {
            let index = try emit(Instruction(operation: .split))
            if greedy {
                program.instructions[index].next = Int32(body.start)
            } else {
                program.instructions[index].argument = Int32(body.start)
            }
            patch(body.holes, to: index)
            return Fragment(start: index, holes: [Hole(instruction: index, isArgument: greedy)], nullable: true)
        }

        mutating func star(_ body: Fragment, greedy: Bool) throws(RE2Error) -> Fragment {
            if body.nullable { return try quest(try plus(body, greedy: greedy), greedy: greedy) }
            return try loop(body, greedy: greedy)
        }

        mutating func plus(_ body: Fragment, greedy: Bool) throws(RE2Error) -> Fragment {
            let looped = try loop(body, greedy: greedy)
            return Fragment(start: body.start, holes: looped.holes, nullable: body.nullable)
        }
    }
}
