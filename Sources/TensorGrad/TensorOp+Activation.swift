// MARK: - Activations, named by the tensor engine's one list of ops
//
// `TensorOp` is the tensor engine's vocabulary. NN's activation layers and the lessons' activation lists name
// their functions by these cases and apply them through `applying(_:slope:)`, so no second list of activation
// names exists above the engine.

extension TensorOp {
    /// The elementwise activations, in the order lessons and docs list them.
    public static let activations: [TensorOp] = [.relu, .leakyRelu, .sigmoid, .tanh]

    /// The name prose and legends use: `ReLU` and `LeakyReLU` in their usual capitals, every other op by its
    /// case name (`tanh`, `sigmoid`, `logSoftmax`).
    public var displayName: String {
        switch self {
        case .relu: return "ReLU"
        case .leakyRelu: return "LeakyReLU"
        default: return rawValue
        }
    }
}

extension Tensor {
    /// Applies an elementwise activation (`TensorOp.activations`) by its op: `x.applying(.tanh)` is `x.tanh()`;
    /// `slope` is LeakyReLU's slope for negative inputs and is ignored by the others.
    @inlinable
    public func applying(_ activation: TensorOp, slope: Scalar = 0.01) -> Tensor {
        switch activation {
        case .relu: return relu()
        case .leakyRelu: return leakyRelu(slope: slope)
        case .sigmoid: return sigmoid()
        case .tanh: return tanh()
        default: preconditionFailure("\(activation) is not an elementwise activation")
        }
    }
}
