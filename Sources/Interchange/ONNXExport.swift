import NN
import TensorGrad

/// Writes a dlexplain network as ONNX (opset 13, IR version 7) that onnxruntime and PyTorch load: one node per
/// layer, weights as float initializers named `<layer>.weight` / `<layer>.bias` (PyTorch's names), the input
/// `input` of shape [N] + `inputShape`, the output `output`. Dropout is left out (an exported model is used for
/// inference); every other layer has an ONNX operator.
public enum ONNXExport {
    /// The opset written.
    public static let opset: Int64 = 13

    /// The ONNX model of `model` for inputs of one-example shape `inputShape`; `name` names the graph.
    public static func model(_ model: Sequential, inputShape: [Int], name: String, producerVersion: String = "") throws
        -> ONNXModel
    {
        var graph = ONNXGraph()
        graph.name = name
        graph.inputs = [ONNXValueInfo(name: "input", dims: [nil] + inputShape.map { Int64($0) })]
        var current = "input"
        var shape = [1] + inputShape
        for (index, layer) in model.layers.enumerated() {
            let isLast = index == model.layers.count - 1
            let output = isLast ? "output" : layer.name + "_out"
            func weight(_ suffix: String, _ t: Tensor<Float>, dims: [Int]? = nil) -> String {
                let tensorName = "\(layer.name).\(suffix)"
                graph.initializers.append(ONNXTensor(name: tensorName, dims: dims ?? t.shape.dims, floats: t.withUnsafeBufferPointer(Array.init)))
                return tensorName
            }
            func node(_ op: String, _ inputs: [String], _ attributes: [ONNXAttribute] = []) {
                graph.nodes.append(ONNXNode(opType: op, name: layer.name, inputs: [current] + inputs, outputs: [output],
                                            attributes: attributes))
            }
            switch layer.module {
            case let conv as Conv2d:
                let k = Int64(conv.kernelSize), s = Int64(conv.stride), p = Int64(conv.padding)
                node("Conv", [weight("weight", conv.weight)] + (conv.bias.map { [weight("bias", $0)] } ?? []),
                     [.ints("kernel_shape", [k, k]), .ints("strides", [s, s]), .ints("pads", [p, p, p, p]),
                      .ints("dilations", [1, 1]), .int("group", 1)])
            case let linear as Linear:
                node("Gemm", [weight("weight", linear.weight)] + (linear.bias.map { [weight("bias", $0)] } ?? []),
                     [.int("transB", 1), .float("alpha", 1), .float("beta", 1)])
            case let pool as Pool2d:
                let k = Int64(pool.kernelSize), s = Int64(pool.stride)
                node(pool.reduction == .max ? "MaxPool" : "AveragePool", [],
                     [.ints("kernel_shape", [k, k]), .ints("strides", [s, s]), .ints("pads", [0, 0, 0, 0])])
            case is Flatten: node("Flatten", [], [.int("axis", 1)])
            case let activation as Activation:
                switch activation.function {
                case .relu: node("Relu", [])
                case .tanh: node("Tanh", [])
                case .sigmoid: node("Sigmoid", [])
                case .leakyRelu(let slope): node("LeakyRelu", [], [.float("alpha", slope)])
                case .logSoftmax: node("LogSoftmax", [], [.int("axis", 1)])
                }
            case let norm as BatchNorm:
                node("BatchNormalization", [weight("weight", norm.weight), weight("bias", norm.bias),
                                            weight("running_mean", norm.runningMean),
                                            weight("running_var", norm.runningVariance)],
                     [.float("epsilon", norm.epsilon), .float("momentum", 1 - norm.momentum)])
            case let softmax as SoftmaxLayer: node(softmax.log ? "LogSoftmax" : "Softmax", [], [.int("axis", Int64(softmax.axis))])
            case let permute as Permute: node("Transpose", [], [.ints("perm", permute.axes.map(Int64.init))])
            case let reshape as Reshape:
                let target = "\(layer.name).shape"
                graph.initializers.append(ONNXTensor(name: target, dims: [reshape.shape.count + 1],
                                                     int64s: [0] + reshape.shape.map(Int64.init)))
                node("Reshape", [target])
            case let arithmetic as ConstantArithmetic:
                let c = weight("constant", arithmetic.constant)
                graph.nodes.append(ONNXNode(opType: arithmetic.operation.rawValue, name: layer.name,
                                            inputs: arithmetic.constantFirst ? [c, current] : [current, c],
                                            outputs: [output]))
            case is Dropout:
                // Inference graph: dropout is the identity. Kept as a node only when it is the last layer.
                if isLast { node("Identity", []) } else { shape = layer.module.outputShape(for: shape); continue }
            default:
                throw ONNXError.unexportable(layer: layer.name, reason: "\(layer.module.summary) has no ONNX operator here")
            }
            current = output
            shape = layer.module.outputShape(for: shape)
        }
        graph.outputs = [ONNXValueInfo(name: "output", dims: [nil] + shape.dropFirst().map { Int64($0) })]
        var onnx = ONNXModel()
        onnx.irVersion = 7
        onnx.opsets = [("", opset)]
        onnx.producerName = "dlexplain"
        onnx.producerVersion = producerVersion
        onnx.graph = graph
        return onnx
    }
}
