import Foundation
import NN
import TensorGrad
@testable import Interchange

/// Small hand-built ONNX graphs for operators our exporter does not write, and helpers to run them.
enum Fixture {
    /// A one-input, one-output model at `opset` whose input `x` has one example's shape `input`.
    static func model(input: [Int], nodes: [ONNXNode], initializers: [ONNXTensor] = [], output: String = "y",
                      opset: Int64 = 17) -> ONNXModel {
        var m = ONNXModel()
        m.opsets = [("", opset)]
        m.graph.nodes = nodes
        m.graph.initializers = initializers
        m.graph.inputs = [ONNXValueInfo(name: "x", dims: [nil] + input.map { Int64($0) })]
        m.graph.outputs = [ONNXValueInfo(name: output, dims: [nil])]
        return m
    }

    /// Encodes, decodes and imports `model` (so every test also crosses the wire format).
    static func load(_ model: ONNXModel) throws -> ImportedModel {
        try ONNXImport.importModel(try ONNXModel.decode(model.encoded()), directory: nil, name: "fixture")
    }

    /// Runs `model` on `values` of batch shape [n] + its input shape.
    static func run(_ imported: ImportedModel, _ values: [Float], batch: Int = 1) -> [Float] {
        imported.model.forward(Tensor(shape: Shape([batch] + imported.inputShape), scalars: values)).scalars
    }

    /// Deterministic values in about [-1, 1].
    static func values(_ count: Int, seed: Int = 1) -> [Float] {
        (0..<count).map { Float(sin(Double($0 * 7 + seed * 13) * 0.91)) }
    }

    static func node(_ op: String, _ inputs: [String], _ output: String = "y", _ attributes: [ONNXAttribute] = []) -> ONNXNode {
        ONNXNode(opType: op, name: op.lowercased(), inputs: inputs, outputs: [output], attributes: attributes)
    }
}

extension Tensor where Scalar == Float {
    var scalars: [Float] { withUnsafeBufferPointer(Array.init) }
}
