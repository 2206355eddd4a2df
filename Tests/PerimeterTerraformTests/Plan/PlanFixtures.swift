import Foundation
import PerimeterModel

@testable import PerimeterTerraform

/// Plan JSON fixtures under `Fixtures/plan/`.
enum PlanFixtures {
    static func url(_ name: String) -> URL? {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)?
            .appendingPathComponent("plan").appendingPathComponent(name)
    }

    static func data(_ name: String) -> Data {
        url(name).flatMap { FileManager.default.contents(atPath: $0.path) } ?? Data()
    }

    static func read(_ name: String) -> (resources: [ResourceInstance], diagnostics: [Diagnostic]) {
        PlanReader.read(data: data(name), path: "Fixtures/plan/\(name)")
    }
}

extension Array where Element == ResourceInstance {
    subscript(address address: String) -> ResourceInstance? {
        first { $0.address == address }
    }
}
