import Foundation
import Testing

@testable import PerimeterTerraform

/// Random mutations of valid files never crash or hang the parser (fixed seed: failures reproduce).
@Suite struct ParserFuzzTests {
    /// SplitMix64: tiny, fast and deterministic.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let samples: [String] = {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")
        let paths = [
            FixturePaths.syntax("eks_like.tf"),
            examples.appendingPathComponent("eks-after/modules/eks/main.tf").path,
            examples.appendingPathComponent("eks-after/main.tf").path
        ]
        return paths.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
    }()

    static let fragments: [[UInt8]] = [
        "{", "}", "[", "]", "(", ")", "\"", "${", "%{", "<<EOT\n", "<<-", "~", "\n", "=", "...",
        "[*]", ".*", "/*", "#", "\\", "?", ":", "=>", "for ", "if ", "\u{00e9}", "\r\n"
    ].map { Array($0.utf8) }

    @Test func randomMutationsNeverCrashOrHang() {
        #expect(Self.samples.count == 3)
        var generator = SeededGenerator(state: 20_261_123)
        var parsed = 0
        var slowest: Double = 0
        for round in 0..<3000 {
            var bytes = Array(Self.samples[round % Self.samples.count].utf8)
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                mutate(&bytes, using: &generator)
            }
            let source = String(decoding: bytes, as: UTF8.self)
            let start = Date()
            _ = HCLParser.parseFile(source: source, path: "fuzz.tf")
            _ = HCLParser.parseJSONFile(source: source, path: "fuzz.tf.json")
            _ = HCLParser.parseTemplate(source: source, path: "fuzz.tpl")
            slowest = max(slowest, Date().timeIntervalSince(start))
            parsed += 1
        }
        #expect(parsed == 3000)
        #expect(slowest < 2, "one mutated input took \(slowest) s")
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        let deep = "a = " + String(repeating: "[", count: 100_000)
        let result = HCLParser.parseFile(source: deep, path: "deep.tf")
        #expect(result.diagnostics.first?.message == "Expression is nested too deeply")
        let deepJSON = String(repeating: "[", count: 100_000)
        #expect(!HCLParser.parseJSONFile(source: deepJSON, path: "deep.tf.json").diagnostics.isEmpty)
    }

    private func mutate(_ bytes: inout [UInt8], using generator: inout SeededGenerator) {
        guard !bytes.isEmpty else { return }
        let position = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0:
            let end = min(bytes.count, position + Int.random(in: 1...20, using: &generator))
            bytes.removeSubrange(position..<end)
        case 1:
            bytes.insert(contentsOf: Self.fragments.randomElement(using: &generator) ?? [], at: position)
        case 2:
            bytes.removeSubrange(position...)
        default:
            bytes[position] = UInt8.random(in: 0...255, using: &generator)
        }
    }
}
