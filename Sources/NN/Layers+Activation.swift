import TensorGrad

/// An elementwise activation (or log-softmax over classes) as a layer without parameters.
public final class Activation: ShapePreservingModule {
    /// Which function.
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
        case .relu: return x.relu()
        case .tanh: return x.tanh()
        case .sigmoid: return x.sigmoid()
        case .leakyRelu(let slope): return x.leakyRelu(slope: slope)
        case .logSoftmax: return x.logSoftmax(axis: 1)
        }
    }
    /// None.
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] { [] }
    /// `"ReLU"`, `"LogSoftmax"`, ….
    public var summary: String {
        switch function {
        case .relu: return "ReLU"
        case .tanh: return "Tanh"
        case .sigmoid: return "Sigmoid"
        case .leakyRelu(let slope): return "LeakyReLU \(slope)"
        case .logSoftmax: return "LogSoftmax"
        }
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
