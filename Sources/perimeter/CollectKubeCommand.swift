import ArgumentParser

struct CollectKubeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kube", abstract: "Collect Kubernetes objects from an API server.")
    func run() async throws {}
}
