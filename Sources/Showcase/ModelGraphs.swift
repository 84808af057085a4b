import Datasets
import Explain
import Foundation
import NN
import Render
import TensorGrad
import Tracing
import Training

/// The diagrams of a network, drawn once for `dlexplain graph`, the lessons and the explorer: its layers, the
/// gradient flowing back through them on one real batch, and the op-level graph of one forward pass.
public enum ModelGraphs {
    /// The layer diagram of a network (SVG, PNG and DOT), `architecture-<name>.*`.
    public static func writeArchitecture(_ description: ArchitectureDescription, to directory: String,
                                         command: String, language: Language = .en) throws -> [String] {
        let name = description.name, diagram = ArchitectureDiagram(description)
        return try DiagramFiles.write(dot: ArchitectureDOT.graph(diagram, language: language),
                                      name: "architecture-\(name)", to: directory,
                                      title: ArchitectureLabels.of(language).title(name, "\(diagram.totalParameters)"),
                                      command: command)
    }

    /// The layer diagram of `model` under `name`.
    public static func writeArchitecture(_ model: Sequential, name: String, to directory: String,
                                         command: String, language: Language = .en) throws -> [String] {
        try writeArchitecture(ArchitectureDescription(name: name, model: model, inputShape: Architecture.imageShape),
                              to: directory, command: command, language: language)
    }

    /// The layer diagram with each edge coloured and thickened by the gradient norm of the first `batch` test
    /// images, `backprop-<name>.*`, and the same numbers as a table.
    public static func writeBackpropFlow(_ trained: TrainedModel, batch: Int, to directory: String,
                                         command: String) throws -> Outcome {
        let test = trained.test, name = trained.name
        let n = Swift.min(batch, test.count)
        let flow = BackpropFlow.measure(trained.model, images: Array(test.images[0..<(n * test.pixelsPerImage)]),
                                        labels: Array(test.labels[0..<n]), imageShape: test.imageShape)
        let numbers = GradientFlowNumbers(inputGradientNorm: flow.inputGradientNorm,
                                          activationGradientNorms: flow.layers.map(\.activationGradientNorm),
                                          parameterGradientNorms: flow.layers.map(\.parameterGradientNorm),
                                          loss: flow.loss, batchSize: flow.batchSize)
        let rows = [["input", "", String(format: "%.3e", flow.inputGradientNorm), ""]] + flow.layers.map {
            [$0.name, $0.kind, String(format: "%.3e", $0.activationGradientNorm),
             $0.parameterGradientNorm.map { String(format: "%.3e", $0) } ?? ""]
        }
        let diagram = ArchitectureDiagram(ArchitectureDescription(name: name, model: trained.model,
                                                                  inputShape: Architecture.imageShape))
        let files = try DiagramFiles.write(dot: ArchitectureDOT.backprop(diagram, flow: numbers),
                                           name: "backprop-\(name)", to: directory,
                                           title: "Backprop flow \(name)", command: command)
        return Outcome(text: ["backprop flow of \(trained.path) on the first \(n) test images "
                              + "(loss \(NumberFormat.fixed(flow.loss))):",
                              Table(header: ["layer", "kind", "‖∂L/∂output‖", "‖∂L/∂W‖"], rows: rows).render()],
                       files: files)
    }

    /// The op-level graph of one forward pass of `model` on a blank image (trace level: shapes), `ops-<name>.*`.
    public static func writeOps(_ model: Sequential, name: String, to directory: String,
                                command: String) throws -> [String] {
        model.eval()
        for (parameter, tensor) in model.namedParameters { tensor.label = parameter }
        let x = Tensor<Float>(repeating: 0, shape: Shape([1] + Architecture.imageShape))
        x.label = "image"
        let output = withTracing(.shapes) { model.forward(x) }
        let trace = output.trace(title: "one forward pass of \(name) (batch 1)", level: .shapes)
        return try DiagramFiles.write(dot: TraceDOT.graph(trace), name: "ops-\(name)", to: directory,
                                      title: "Op-level graph \(name)", command: command)
    }
}
