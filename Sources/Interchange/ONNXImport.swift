import Foundation
import Groundwork
import NN
import TensorGrad

/// An ONNX model turned into a dlexplain network: a `Sequential` of NN's layers (plus the few in
/// `Layers+Graph.swift`), so gradients, saliency, traces, gradient checks and the architecture diagram work on
/// it as on a checkpoint's network.
public struct ImportedModel {
    /// The network, in evaluation mode.
    public let model: Sequential
    /// One example's input shape (batch axis left out), e.g. [1, 28, 28].
    public let inputShape: [Int]
    /// The default domain's opset the file declares.
    public let opset: Int
    /// The graph's name, else the file's name.
    public let name: String
    /// What the import did besides mapping nodes to layers (constant shape subgraphs folded, nodes skipped).
    public let notes: [String]
}

/// Reads ONNX files into `ImportedModel`s. Supported: the operators of a small CNN or MLP exported by
/// `torch.onnx.export` (opsets 7–21); see `ONNXImport.supportedOperators`.
public enum ONNXImport {
    /// Every operator the importer accepts (data operators become layers; the rest are folded as constants).
    public static let supportedOperators = [
        "Conv", "Relu", "LeakyRelu", "Sigmoid", "Tanh", "MaxPool", "AveragePool", "GlobalAveragePool", "Gemm",
        "MatMul", "Add", "Mul", "Sub", "Div", "Flatten", "Reshape", "Transpose", "BatchNormalization", "Dropout",
        "Softmax", "LogSoftmax", "Constant", "Identity", "Squeeze", "Unsqueeze", "Shape", "Gather", "Concat", "Cast",
    ]
    /// The opsets accepted for the default domain.
    public static let opsets = 7...21

    /// Reads the ONNX file at `path` (external data is looked for beside it).
    public static func load(_ path: String, limits: ONNXLimits = ONNXLimits()) throws -> ImportedModel {
        let model = try ONNXModel.read(path, limits: limits)
        let (directory, file) = PathText.split(path)
        do {
            return try importModel(model, directory: directory.isEmpty ? "." : directory, name: file, limits: limits)
        } catch let error as ONNXError { throw ONNXError.inFile(path: path, error: error) }
    }

    /// Turns a decoded model into a network; `directory` is where external data files are (nil: none allowed).
    public static func importModel(_ model: ONNXModel, directory: String?, name: String,
                                   limits: ONNXLimits = ONNXLimits()) throws -> ImportedModel {
        let opset = model.opset
        guard opsets.contains(opset) else {
            throw ONNXError.invalidGraph(reason: "the model declares opset \(opset) of the default domain; expected "
                + "\(opsets.lowerBound)–\(opsets.upperBound) (torch.onnx.export(..., opset_version=17) writes 17)")
        }
        var importer = GraphImporter(graph: model.graph, opset: opset, directory: directory, limits: limits)
        try importer.run()
        let network = Sequential(importer.layers)
        network.eval()
        return ImportedModel(model: network, inputShape: importer.inputShape, opset: opset,
                             name: model.graph.name.isEmpty ? name : model.graph.name, notes: importer.notes)
    }

    /// The nodes in an order where every node comes after the nodes whose outputs it reads (Kahn's algorithm,
    /// ties in file order). Throws naming a value no one provides (a missing initializer) or the nodes of a cycle.
    static func topologicalOrder(_ graph: ONNXGraph, available: Set<String>) throws -> [ONNXNode] {
        var producer: [String: Int] = [:]
        for (i, node) in graph.nodes.enumerated() {
            for output in node.outputs where !output.isEmpty {
                guard producer[output] == nil, !available.contains(output) else {
                    throw ONNXError.invalidGraph(reason: "value '\(output)' is produced twice (node '\(node.name)')")
                }
                producer[output] = i
            }
        }
        var waiting = [Int](repeating: 0, count: graph.nodes.count)
        var readers: [Int: [Int]] = [:]
        for (i, node) in graph.nodes.enumerated() {
            for input in node.inputs where !input.isEmpty && !available.contains(input) {
                guard let p = producer[input] else {
                    throw ONNXError.invalidGraph(reason: "node '\(node.name)' (\(node.opType)) reads '\(input)', which "
                        + "no node, initializer or graph input provides (a missing initializer?)")
                }
                waiting[i] += 1
                readers[p, default: []].append(i)
            }
        }
        var ready = (0..<graph.nodes.count).filter { waiting[$0] == 0 }
        var order: [Int] = []
        while !ready.isEmpty {
            let next = ready.removeFirst()
            order.append(next)
            for r in readers[next] ?? [] {
                waiting[r] -= 1
                if waiting[r] == 0 { ready.append(r) }
            }
            ready.sort()
        }
        guard order.count == graph.nodes.count else {
            let stuck = (0..<graph.nodes.count).filter { waiting[$0] > 0 }.prefix(5)
                .map { "'\(graph.nodes[$0].name)'" }
            throw ONNXError.invalidGraph(reason: "the nodes \(stuck.joined(separator: ", ")) form a cycle (each "
                + "waits for another's output); an ONNX graph must be acyclic")
        }
        return order.map { graph.nodes[$0] }
    }
}

/// A value while importing: the chain's data (one example's shape), or a constant folded at import time.
enum GraphValue {
    case data(shape: [Int])
    case constant(Constant)
}

/// A constant: float values or integer values (shapes, axes), with its shape. In integer constants
/// `Constant.batch` stands for the batch size, which is unknown until the model runs (`Shape` of the data).
struct Constant {
    static let batch = Int.min
    var shape: [Int]
    var floats: [Float]
    var ints: [Int]?

    init(shape: [Int], floats: [Float]) { (self.shape, self.floats, self.ints) = (shape, floats, nil) }
    init(shape: [Int], ints: [Int]) {
        (self.shape, self.ints) = (shape, ints)
        floats = ints.map { $0 == Constant.batch ? .nan : Float($0) }
    }

    var tensor: Tensor<Float> { Tensor(shape: Shape(shape), scalars: floats) }
}
