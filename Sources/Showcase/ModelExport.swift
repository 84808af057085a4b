import Foundation
import Groundwork
import Interchange
import NN
import TensorGrad

/// `dlexplain export`: a checkpoint's network written as ONNX, then read back and checked.
public enum ModelExport {
    /// Writes the network of `checkpoint` to `onnx` (opset 13), re-imports the file and runs both on four inputs
    /// (three test-like patterns and a blank image); the logits must be identical, else the file is reported
    /// as failing the check (and the outcome does not pass).
    public static func write(checkpoint: String, onnx path: String) throws -> Outcome {
        let loaded = try TrainedModel.network(model: checkpoint)
        let network = loaded.model
        network.eval()
        let model = try ONNXExport.model(network, inputShape: loaded.inputShape, name: loaded.name,
                                         producerVersion: "checkpoint \(PathText.split(checkpoint).name)")
        try model.write(to: path)
        let back = try ONNXImport.load(path)
        let count = 4, size = loaded.inputShape.reduce(1, *)
        let inputs = (0..<(count * size)).map { i -> Float in i < 3 * size ? Float(sin(Double(i) * 0.37 + Double(i / size))) : 0 }
        let x = Tensor<Float>(shape: Shape([count] + loaded.inputShape), scalars: inputs)
        let (a, b) = withNoGrad { (network.forward(x), back.model.forward(x)) }
        let same = a.withUnsafeBufferPointer(Array.init) == b.withUnsafeBufferPointer(Array.init)
        let layers = model.graph.nodes.map(\.opType).joined(separator: " → ")
        return Outcome(text: ["\(loaded.name) → ONNX opset \(ONNXExport.opset): \(layers)",
                              "input 'input' [N, \(loaded.inputShape.map(String.init).joined(separator: ", "))], "
                                  + "output 'output' (\(endsInLogSoftmax(network) ? "log-probabilities" : "scores")); "
                                  + "\(network.parameterCount) parameters",
                              same ? "read back: identical logits on \(count) inputs"
                                   : "read back: the logits DIFFER from the checkpoint's on \(count) inputs"],
                       files: [path], passed: same)
    }

    static func endsInLogSoftmax(_ network: Sequential) -> Bool {
        (network.layers.last?.module as? Activation)?.function == .logSoftmax
    }
}
