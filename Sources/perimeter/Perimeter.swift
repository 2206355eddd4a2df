import ArgumentParser

@main
struct Perimeter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perimeter",
        abstract: "Audit the network and identity perimeter of EKS and GKE clusters."
    )
}
