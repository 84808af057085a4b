import NN
import TensorGrad

/// The layers an imported ONNX graph may need beyond NN's own: arithmetic with a constant, a reshape or axis
/// permutation that keeps the batch axis, and softmax / log-softmax along any axis. Each is one tensor-engine
/// op, so gradients, traces and gradient checks see them like any other layer.

/// `x ∘ c` or `c ∘ x` for a constant `c` (broadcast as NumPy does), ∘ one of + − × ÷.
public final class ConstantArithmetic: ShapePreservingModule {
    /// The arithmetic operator.
    public enum Operation: String, Sendable { case add = "Add", sub = "Sub", mul = "Mul", div = "Div" }
    /// Which operator.
    public let operation: Operation
    /// The constant operand (not trained).
    public let constant: Tensor<Float>
    /// True when the constant is the left operand (`c − x`, `c ÷ x`).
    public let constantFirst: Bool
    /// No effect.
    public var isTraining = true

    /// A layer computing `x ∘ constant` (or `constant ∘ x`).
    public init(_ operation: Operation, constant: Tensor<Float>, constantFirst: Bool) {
        (self.operation, self.constant, self.constantFirst) = (operation, constant, constantFirst)
    }

    /// The elementwise result.
    public func forward(_ x: Tensor<Float>) -> Tensor<Float> {
        let (a, b) = constantFirst ? (constant, x) : (x, constant)
        switch operation {
        case .add: return a + b
        case .sub: return a - b
        case .mul: return a * b
        case .div: return a / b
        }
    }
    /// None (the constant is a buffer).
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] { [] }
    /// The constant.
    public var namedBuffers: [(name: String, tensor: Tensor<Float>)] { [("constant", constant)] }
    /// `"Add constant [10]"`.
    public var summary: String { "\(operation.rawValue) constant \(constant.shape.dims)" }
}

/// Reshapes every example to `shape` (the batch axis is kept).
public final class Reshape: Module {
    /// One example's shape after the layer.
    public let shape: [Int]
    /// No effect.
    public var isTraining = true
    /// A layer reshaping each example to `shape`.
    public init(_ shape: [Int]) { self.shape = shape }
    /// [N, …] → [N] + shape.
    public func forward(_ x: Tensor<Float>) -> Tensor<Float> { x.reshape([x.shape.dims[0]] + shape) }
    /// None.
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] { [] }
    /// [N] + shape.
    public func outputShape(for input: [Int]) -> [Int] { [input[0]] + shape }
    /// `"Reshape [20, 16]"`.
    public var summary: String { "Reshape \(shape)" }
}

/// Permutes the axes of every example (ONNX `Transpose` with the batch axis left in place).
public final class Permute: Module {
    /// The permutation of all axes, batch included (`axes[0] == 0`).
    public let axes: [Int]
    /// No effect.
    public var isTraining = true
    /// A layer permuting axes as `axes` says.
    public init(_ axes: [Int]) { self.axes = axes }
    /// x.permute(axes).
    public func forward(_ x: Tensor<Float>) -> Tensor<Float> { x.permute(axes) }
    /// None.
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] { [] }
    /// The input's axes, permuted.
    public func outputShape(for input: [Int]) -> [Int] { axes.map { input[$0] } }
    /// `"Transpose [0, 2, 3, 1]"`.
    public var summary: String { "Transpose \(axes)" }
}

/// Softmax or log-softmax along `axis` (negative counts from the end), as ONNX's `Softmax` / `LogSoftmax`.
public final class SoftmaxLayer: ShapePreservingModule {
    /// The axis normalised over.
    public let axis: Int
    /// Log-softmax instead of softmax.
    public let log: Bool
    /// No effect.
    public var isTraining = true
    /// A softmax (or log-softmax) layer.
    public init(axis: Int, log: Bool) { (self.axis, self.log) = (axis, log) }
    /// Probabilities (or their logarithms) along `axis`.
    public func forward(_ x: Tensor<Float>) -> Tensor<Float> { log ? x.logSoftmax(axis: axis) : x.softmax(axis: axis) }
    /// None.
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] { [] }
    /// `"Softmax axis -1"`.
    public var summary: String { (log ? "LogSoftmax" : "Softmax") + " axis \(axis)" }
}
