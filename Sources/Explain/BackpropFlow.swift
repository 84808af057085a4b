import NN
import TensorGrad

/// How strongly the gradient of one batch's loss flows back through a network: per layer, the norm of
/// ∂L/∂(layer output) and of ∂L/∂(layer parameters). Vanishing or exploding gradients show as norms that shrink
/// or grow layer after layer — what `dlexplain graph --backprop` draws on the edges.
public struct BackpropFlow: Sendable {
    /// One layer's figures.
    public struct Layer: Sendable, Equatable {
        /// The layer's name and description.
        public var name: String, kind: String
        /// Output shape of one example (batch axis left out).
        public var outputShape: [Int]
        /// ‖∂L/∂output‖ (Frobenius norm over the whole batch).
        public var activationGradientNorm: Double
        /// ‖∂L/∂parameters‖ over all of the layer's parameters; nil for layers without any.
        public var parameterGradientNorm: Double?
        /// ‖parameters‖; nil for layers without any.
        public var parameterNorm: Double?
    }

    /// The layers in forward order.
    public var layers: [Layer]
    /// ‖∂L/∂input‖: what reaches the images.
    public var inputGradientNorm: Double
    /// The batch's mean NLL loss.
    public var loss: Double
    /// Examples in the batch.
    public var batchSize: Int

    /// One forward and backward pass of `model` (evaluation mode: dropout off, so the flow is the model's own) on
    /// `images` ([count] + `imageShape` values) with `labels`. Parameter gradients are zeroed before and after.
    public static func measure(_ model: Sequential, images: [Float], labels: [Int], imageShape: [Int]) -> BackpropFlow {
        let wasTraining = model.isTraining
        model.eval()
        model.zeroGrad()
        defer {
            model.zeroGrad()
            model.isTraining = wasTraining
        }
        let x = Tensor<Float>(shape: Shape([labels.count] + imageShape), scalars: images, requiresGrad: true)
        var outputs: [Tensor<Float>] = []
        var y = x
        for layer in model.layers {
            y = layer.module.forward(y)
            outputs.append(y)
        }
        let loss = y.nllLoss(labels)
        loss.backward()
        let layers = zip(model.layers, outputs).map { layer, output -> Layer in
            let params = layer.module.parameters
            return Layer(name: layer.name, kind: layer.module.summary, outputShape: Array(output.shape.dims.dropFirst()),
                         activationGradientNorm: Tensor.jointNorm([output.grad]),
                         parameterGradientNorm: params.isEmpty ? nil : Tensor.jointNorm(params.map(\.grad)),
                         parameterNorm: params.isEmpty ? nil : Tensor.jointNorm(params))
        }
        return BackpropFlow(layers: layers, inputGradientNorm: Tensor.jointNorm([x.grad]), loss: Double(loss.item),
                            batchSize: labels.count)
    }
}
