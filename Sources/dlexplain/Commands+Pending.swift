import ArgumentParser

struct Explain: PendingCommand {
    static let configuration = CommandConfiguration(abstract: "Saliency maps for a trained model.")
    static let pendingNote = "saliency lands with the explainability issue."
}

struct Filters: PendingCommand {
    static let configuration = CommandConfiguration(abstract: "Draw conv filters and feature maps.")
    static let pendingNote = "filter pictures land with the explainability issue."
}

struct Graph: PendingCommand {
    static let configuration = CommandConfiguration(abstract: "Draw an architecture or op-level graph.")
    static let pendingNote = "architecture diagrams land with the explainability issue."
}
