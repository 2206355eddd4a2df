import ArgumentParser
import PerimeterChecks

struct ChecksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "List every check, or explain one.",
        discussion: """
            Examples:
              perimeter checks
              perimeter checks NET-001
            """
    )

    @Argument(help: "A check id such as NET-001; without one, the whole catalog.")
    var id: String?

    func run() throws {
        guard let id else {
            print(CheckCatalogText.table(CheckRegistry.all.map(\.description)))
            return
        }
        guard let check = CheckRegistry.check(id: id) else {
            throw ValidationError("Unknown check '\(id)'; 'perimeter checks' lists them")
        }
        print(CheckCatalogText.explanation(check.description))
    }
}
