import ArgumentParser
import Datasets
import Explain
import Foundation
import Lessons
import NN
import Training
import Render
import Showcase
import TensorGrad

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
    @Option(help: "Images in the --backprop batch (the first test images).") var batch = 64
    @OptionGroup var model: ModelOptions
    @Option(help: "Output directory.") var out = "Output/graph"

    func validate() throws {
        let modes = [backprop, ops, confusion, history != nil, health != nil].filter { $0 }.count
        if modes > 1 { throw ValidationError("choose one of --backprop, --ops, --confusion, --history, --health") }
        if (backprop || confusion) && model.checkpoint == nil {
            throw ValidationError("--\(backprop ? "backprop" : "confusion") needs --checkpoint PATH (a trained model)")
        }
        if batch < 1 { throw ValidationError("--batch must be at least 1, got \(batch)") }
    }

    func run() throws {
        try reporting("graph") {
            let paths: [String]
            if let history { paths = try drawHistory(history) }
            else if let health { paths = try drawHealth(health) }
            else if confusion { paths = try drawConfusion() }
            else if ops { paths = try drawOps() }
            else { paths = try drawArchitecture() }
            for path in paths { print(path) }
        }
    }

    /// The architecture named by --arch, checked against the checkpoint's when both are given.
    func loaded() throws -> (model: Sequential, architecture: Architecture) {
        guard let path = model.checkpoint else {
            let a = arch ?? .seed
            return (a.makeModel(seed: 1, stream: RandomStream(seed: 1)), a)
        }
        let l = try Trainer.loadModel(from: path, expectArchitecture: arch)
        return (l.model, l.architecture)
    }

    func drawArchitecture() throws -> [String] {
        let (network, architecture) = try loaded()
        let diagram = ArchitectureDiagram(ArchitectureDescription(name: architecture.rawValue, model: network,
                                                                  inputShape: Architecture.imageShape))
        guard backprop, let path = model.checkpoint else {
            return try DiagramFiles.write(dot: ArchitectureDOT.graph(diagram), name: "architecture-\(architecture.rawValue)",
                                          to: out, title: "Architecture \(architecture.rawValue)", command: commandLine)
        }
        let test = try ImageDataset.load(.test, from: model.data)
        let n = Swift.min(batch, test.count)
        let flow = BackpropFlow.measure(network, images: Array(test.images[0..<(n * test.pixelsPerImage)]),
                                        labels: Array(test.labels[0..<n]), imageShape: test.imageShape)
        let numbers = GradientFlowNumbers(inputGradientNorm: flow.inputGradientNorm,
                                          activationGradientNorms: flow.layers.map(\.activationGradientNorm),
                                          parameterGradientNorms: flow.layers.map(\.parameterGradientNorm),
                                          loss: flow.loss, batchSize: flow.batchSize)
        print("backprop flow of \(path) on the first \(n) test images (loss \(NumberFormat.fixed(flow.loss))):")
        let rows = [["input", "", String(format: "%.3e", flow.inputGradientNorm), ""]] + flow.layers.map {
            [$0.name, $0.kind, String(format: "%.3e", $0.activationGradientNorm),
             $0.parameterGradientNorm.map { String(format: "%.3e", $0) } ?? ""]
        }
        print(Table(header: ["layer", "kind", "‖∂L/∂output‖", "‖∂L/∂W‖"], rows: rows).render())
        return try DiagramFiles.write(dot: ArchitectureDOT.backprop(diagram, flow: numbers),
                                      name: "backprop-\(architecture.rawValue)", to: out,
                                      title: "Backprop flow \(architecture.rawValue)", command: commandLine)
    }

    func drawOps() throws -> [String] {
        let (network, architecture) = try loaded()
        network.eval()
        for (name, tensor) in network.namedParameters { tensor.label = name }
        let x = Tensor<Float>(repeating: 0, shape: Shape([1] + Architecture.imageShape))
        x.label = "image"
        let output = withTracing(.shapes) { network.forward(x) }
        let trace = output.trace(title: "one forward pass of \(architecture.rawValue) (batch 1)", level: .shapes)
        return try DiagramFiles.write(dot: TraceDOT.graph(trace), name: "ops-\(architecture.rawValue)", to: out,
                                      title: "Op-level graph \(architecture.rawValue)", command: commandLine)
    }

    func drawHistory(_ path: String) throws -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ExplainError.unreadable(path: path, expected: "a training history CSV (\(EpochRecord.csvHeader))")
        }
        let records = text.split(separator: "\n").dropFirst().compactMap { EpochRecord(csvLine: String($0)) }
        guard !records.isEmpty else {
            throw ExplainError.unreadable(path: path, expected: "at least one epoch line after the header \(EpochRecord.csvHeader)")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try TrainingPictures.curves(records, name: name, to: out, command: commandLine)
    }

    func drawHealth(_ path: String) throws -> [String] {
        let records = try GradientHealthRecord.read(from: path)
        let file = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let name = file.hasSuffix("-health") ? String(file.dropLast("-health".count)) : file
        return try TrainingPictures.health(records, name: name, to: out, command: commandLine)
    }

    func drawConfusion() throws -> [String] {
        let (network, architecture) = try loaded()
        let test = try ImageDataset.load(.test, from: model.data)
        let evaluation = Trainer.evaluate(network, on: test)
        print("test accuracy \(String(format: "%.2f", evaluation.accuracy * 100)) % on \(evaluation.count) images")
        return try TrainingPictures.confusion(evaluation, classNames: test.classNames, architecture: architecture,
                                              to: out, command: commandLine)
    }
}
