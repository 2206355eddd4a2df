import ArgumentParser

struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Collect a snapshot from a live system.",
        subcommands: [CollectKubeCommand.self]
    )
}
