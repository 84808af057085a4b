import TensorGrad

/// Named layers applied in order; parameter names are `"<layer>.<parameter>"` (`"conv1.weight"`).
public final class Sequential: Module {
    /// The layers with their names, in order.
    public let layers: [(name: String, module: any Module)]

    /// A network of `layers`; names must be unique.
    public init(_ layers: [(name: String, module: any Module)]) {
        precondition(Set(layers.map(\.name)).count == layers.count, "Sequential: layer names must be unique")
        self.layers = layers
    }

    /// Training mode; setting it sets every layer.
    public var isTraining: Bool = true {
        didSet { for layer in layers { layer.module.isTraining = isTraining } }
    }

    /// Applies the layers in order.
    public func forward(_ x: Tensor<Float>) -> Tensor<Float> {
        var y = x
        for layer in layers { y = layer.module.forward(y) }
        return y
    }

    /// Applies the layers in order and stops at the first layer whose output holds NaN or ±∞, returning its
    /// name (nil if every output is finite) — the diagnosis behind `TrainingError.nonFinite`.
    public func firstNonFiniteLayer(_ x: Tensor<Float>) -> (name: String, summary: String)? {
        var y = x
        for layer in layers {
            y = layer.module.forward(y)
            if !y.allFinite { return (layer.name, layer.module.summary) }
        }
        return nil
    }

    /// Every layer's parameters, prefixed with the layer's name.
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] {
        layers.flatMap { layer in layer.module.namedParameters.map { ("\(layer.name).\($0.name)", $0.tensor) } }
    }

    /// Every layer's buffers, prefixed with the layer's name.
    public var namedBuffers: [(name: String, tensor: Tensor<Float>)] {
        layers.flatMap { layer in layer.module.namedBuffers.map { ("\(layer.name).\($0.name)", $0.tensor) } }
    }

    /// The last layer's output shape.
    public func outputShape(for input: [Int]) -> [Int] {
        layers.reduce(input) { $1.module.outputShape(for: $0) }
    }

    /// `"Sequential (13 layers)"`.
    public var summary: String { "Sequential (\(layers.count) layers)" }
}

extension Tensor where Scalar == Float {
    /// True when no element is NaN or ±∞.
    public var allFinite: Bool {
        withUnsafeBufferPointer { values in
            // x − x is 0 for finite x and NaN otherwise; one pass, no branch per element.
            var acc: Float = 0
            for v in values { acc += v - v }
            return acc == 0
        }
    }
}
