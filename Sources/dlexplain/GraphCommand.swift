import ArgumentParser
import NN
import Showcase

/// `dlexplain graph`: architecture, backprop-flow and op-level diagrams; training curves, confusion matrix and
/// gradient health drawn from a run's files.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw an architecture (default), its backprop flow, its op-level graph, or a training run's charts.",
        discussion: """
            dlexplain graph --arch seed                       architecture diagram (SVG, PNG, DOT)
            dlexplain graph --backprop --checkpoint PATH      gradient norms of one test batch on the edges
            dlexplain graph --ops --arch wide                 op-level graph of one forward pass (trace level shapes)
            dlexplain graph --history PATH                    loss and accuracy curves from a history CSV
            dlexplain graph --confusion --checkpoint PATH     test-set confusion matrix
            dlexplain graph --health PATH                     gradient-health charts from a health CSV
            """)

    @Option(help: "Architecture: \(Architecture.allCases.map(\.rawValue).joined(separator: ", ")) (default: the checkpoint's, else seed).")
    var arch: Architecture?
    @Flag(help: "Colour and thicken edges by the gradient norm of one test batch (needs --checkpoint).") var backprop = false
    @Flag(help: "Draw the op-level computation graph of one forward pass instead of the layers.") var ops = false
    @Flag(help: "Draw the test-set confusion matrix (needs --checkpoint).") var confusion = false
    @Option(help: "Draw loss and accuracy curves from this history CSV (written by training).") var history: String?
    @Option(help: "Draw gradient-health charts from this CSV (GradientHealthRecorder's).") var health: String?
    @Option(help: "Images in the --backprop batch (the first test images).", transform: Checked.whole(1...10_000))
    var batch = 64
    @OptionGroup var model: ModelOptions
    @Option(help: "Output directory.") var out = "Output/graph"

    func validate() throws {
        let modes = [backprop, ops, confusion, history != nil, health != nil].filter { $0 }.count
        if modes > 1 { throw ValidationError("choose one of --backprop, --ops, --confusion, --history, --health") }
        try model.check("graph", required: false)
        if (backprop || confusion) && model.path == nil {
            throw ValidationError("--\(backprop ? "backprop" : "confusion") needs --checkpoint PATH or --model FILE (a trained model)")
        }
    }

    func run() throws {
        try reporting("graph", lock: out) {
            if let history { return show(try TrainingRuns.writeHistory(csv: history, to: out, command: commandLine)) }
            if let health { return show(try TrainingRuns.writeHealth(csv: health, to: out, command: commandLine)) }
            if backprop || confusion, let path = model.path {
                let trained = try TrainedModel(checkpoint: path, data: model.data, expectArchitecture: arch)
                return show(confusion ? try TrainingRuns.writeConfusion(trained, to: out, command: commandLine)
                    : try ModelGraphs.writeBackpropFlow(trained, batch: batch, to: out, command: commandLine))
            }
            let (network, name) = try model.path.map {
                let loaded = try TrainedModel.network(model: $0, expectArchitecture: arch)
                return (loaded.model, loaded.name)
            } ?? { let u = TrainedModel.untrained(arch ?? .seed); return (u.model, u.architecture.rawValue) }()
            show(Outcome(files: ops ? try ModelGraphs.writeOps(network, name: name, to: out, command: commandLine)
                : try ModelGraphs.writeArchitecture(network, name: name, to: out, command: commandLine)))
        }
    }
}
