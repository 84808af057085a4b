import ArgumentParser

struct Lesson: PendingCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a lesson: narration with computed numbers, diagrams in Output/<lesson>/, a self-check.")
    static let pendingNote = "lessons land with the flagship issue (dlexplain lesson backprop)."
    @Argument(help: "The lesson to run (see `dlexplain lessons`).") var name: String?
}

struct Lessons: PendingCommand {
    static let configuration = CommandConfiguration(abstract: "List the lessons in curriculum order.")
    static let pendingNote = "the lesson list lands with the flagship issue."
}

struct TraceCommand: PendingCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace an expression: forward and backward pass, diagrams, JSON, gradient check.")
    static let pendingNote = "expression tracing lands with the flagship issue (scalar engine)."
    @Argument(help: "The expression, e.g. \"tanh(w1*x1 + w2*x2 + b)\".") var expression: String?
}

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

/// `dlexplain bench …`: benchmarks that print figures and ratios (release builds).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks that print figures and ratios.", subcommands: [BenchOps.self, BenchTrain.self])
}
