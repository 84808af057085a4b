import ArgumentParser

struct Train: PendingCommand {
    static let configuration = CommandConfiguration(abstract: "Train a CNN or MLP on Fashion-MNIST.")
    static let pendingNote = "training lands with the CNN training issue."
}
