import Groundwork
import TensorGrad

/// A layer or a network of layers: a function of one Float tensor with named, trainable parameters.
///
/// Parameter names are local (`"weight"`, `"bias"`); containers such as `Sequential` prefix them with the
/// child's name (`"conv1.weight"`), the names checkpoints and optimizers use. Trainable state (parameters)
/// is kept apart from buffers (running statistics), which are saved but never trained.
public protocol Module: AnyObject {
    /// Applies the module to `x`.
    func forward(_ x: Tensor<Float>) -> Tensor<Float>
    /// The trainable tensors, in a fixed order, with their full names.
    var namedParameters: [(name: String, tensor: Tensor<Float>)] { get }
    /// Saved but untrained tensors (batch-norm running statistics), with their full names.
    var namedBuffers: [(name: String, tensor: Tensor<Float>)] { get }
    /// Training mode (dropout active, batch norm uses batch statistics) or evaluation mode.
    var isTraining: Bool { get set }
    /// The output shape for an input of `input` shape (batch axis included), without computing anything.
    func outputShape(for input: [Int]) -> [Int]
    /// What the layer is, for tables and diagrams: `"Conv2d 1→10 5×5"`.
    var summary: String { get }
}

extension Module {
    /// No buffers by default.
    public var namedBuffers: [(name: String, tensor: Tensor<Float>)] { [] }
    /// `forward(x)`.
    public func callAsFunction(_ x: Tensor<Float>) -> Tensor<Float> { forward(x) }
    /// The trainable tensors without names.
    public var parameters: [Tensor<Float>] { namedParameters.map(\.tensor) }
    /// Number of trainable scalars.
    public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.tensor.count } }
    /// Sets every parameter's gradient to zero (keeping the buffers).
    public func zeroGrad() { for p in parameters { p.zeroGrad() } }
    /// Switches to training mode.
    public func train() { isTraining = true }
    /// Switches to evaluation mode.
    public func eval() { isTraining = false }
}

/// A module without parameters whose output shape equals its input shape (activations, dropout).
public protocol ShapePreservingModule: Module {}

extension ShapePreservingModule {
    /// The input shape.
    public func outputShape(for input: [Int]) -> [Int] { input }
}

/// The source of randomness that dropout layers of one model share, so a checkpoint can save one state.
public final class RandomStream {
    /// The generator; its `state` goes into checkpoints.
    public var generator: SeededGenerator

    /// A stream fixed by `seed`.
    public init(seed: UInt64) { generator = SeededGenerator(seed: seed) }
}
