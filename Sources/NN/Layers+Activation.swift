import TensorGrad

/// An elementwise activation (or log-softmax over classes) as a layer without parameters.
public final class Activation: ShapePreservingModule {
    /// Which function: an activation op of the tensor engine (`TensorOp.activations`), or log-softmax.
    public enum Function: Equatable, Sendable {
        /// max(x, 0).
        case relu
        /// tanh x.
        case tanh
        /// 1/(1 + e⁻ˣ).
        case sigmoid
        /// x if x > 0 else slope·x.
        case leakyRelu(slope: Float)
        /// log-softmax along axis 1 (class scores → log-probabilities).
        case logSoftmax

        /// The tensor op that computes it (and names its trace node).
        public var op: TensorOp {
            switch self {
            case .relu: return .relu
            case .tanh: return .tanh
            case .sigmoid: return .sigmoid
            case .leakyRelu: return .leakyRelu
            case .logSoftmax: return .logSoftmax
            }
        }
    }

    /// The function applied.
    public let function: Function
    /// No effect.
    public var isTraining = true

    /// An activation layer.
    public init(_ function: Function) { self.function = function }

    /// f(x), same shape.
    public func forward(_ x: Tensor<Float>) -> Tensor<Float> {
        switch function {
        case .logSoftmax: return x.logSoftmax(axis: 1)
        case .leakyRelu(let slope): return x.applying(.leakyRelu, slope: slope)
        case .relu, .tanh, .sigmoid: return x.applying(function.op)
        }
    }
    /// None.
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] { [] }
    /// PyTorch's class name, made from the op's display name (`"ReLU"`, `"Tanh"`, `"LogSoftmax"`), and
    /// LeakyReLU's slope (`"LeakyReLU 0.01"`).
    public var summary: String {
        let name = function.op.displayName
        let className = name.prefix(1).uppercased() + name.dropFirst()
        if case .leakyRelu(let slope) = function { return "\(className) \(slope)" }
        return className
    }
}

/// `ReLU()` as in PyTorch.
public func ReLU() -> Activation { Activation(.relu) }
/// `Tanh()`.
public func Tanh() -> Activation { Activation(.tanh) }
/// `Sigmoid()`.
public func Sigmoid() -> Activation { Activation(.sigmoid) }
/// `LeakyReLU(slope)`, slope 0.01 by default as in PyTorch.
public func LeakyReLU(_ slope: Float = 0.01) -> Activation { Activation(.leakyRelu(slope: slope)) }
/// `LogSoftmax()` over the class axis (axis 1).
public func LogSoftmax() -> Activation { Activation(.logSoftmax) }
