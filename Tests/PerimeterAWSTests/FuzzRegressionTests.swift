import Foundation
import PerimeterAWS
import Testing

/// Inputs the fuzzer found crashing (scripts/fuzz.sh), minimized into Fuzz/regressions/aws-xml: each must
/// now be refused with an error, never crash the process.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/regressions/aws-xml")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func thereAreRegressionInputs() {
        #expect(!Self.cases.isEmpty, "no files in \(Self.folder.path)")
    }

    @Test(arguments: cases)
    func crashingResponseIsRefused(name: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        #expect(throws: XMLParseError.self) { try XMLElement.parse(data) }
    }

    @Test func validResponsesStillParse() throws {
        let root = try XMLElement.parse(Data("<a><b>é</b></a>".utf8))
        #expect(root.string("b") == "é")
    }
}
