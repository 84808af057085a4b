#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tracing

/// Contiguous storage shared by a tensor and its reshaped views; written in place by optimisers.
public final class TensorStorage<Scalar: TensorScalar> {
    /// Number of elements.
    public let count: Int
    /// First element; owned by this object.
    public let base: UnsafeMutablePointer<Scalar>

    /// Uninitialised storage for `count` elements: the caller writes every element before reading.
    @inlinable
    public init(uninitializedCount count: Int) {
        self.count = count
        base = .allocate(capacity: Swift.max(count, 1))
    }

    /// Storage with every element equal to `value`.
    @inlinable
    public convenience init(count: Int, repeating value: Scalar) {
        self.init(uninitializedCount: count)
        base.initialize(repeating: value, count: count)
    }

    deinit { base.deallocate() }

    /// The elements as a buffer.
    @inlinable public var buffer: UnsafeMutableBufferPointer<Scalar> { .init(start: base, count: count) }
}

/// An n-dimensional array of `Scalar` in row-major order that records how it was computed, so `backward()`
/// can send gradients to every tensor with `requiresGrad` that it depends on (docs/ARCHITECTURE.md §2).
///
/// Tensors are reference types (a tensor is a node of the graph); ops never modify their inputs.
public final class Tensor<Scalar: TensorScalar> {
    /// The dimensions.
    public let shape: Shape
    /// The elements; shared with reshaped views.
    public let storage: TensorStorage<Scalar>
    /// Whether gradients flow to this tensor (set it on parameters; results inherit it from their inputs).
    public var requiresGrad: Bool
    /// ∂output/∂self after `backward()`; accumulates across calls until `zeroGrad()`.
    public var grad: Tensor<Scalar>?
    /// A name for traces and diagrams (`"conv1.weight"`); empty by default.
    public var label: String = ""
    /// The op that produced this tensor; nil for leaves.
    public let op: TensorOp?
    /// Op settings worth showing in a trace (`"stride 2"`); only filled while tracing.
    public let detail: String
    /// The tensors this one was computed from (empty for leaves or when no graph was recorded).
    public let inputs: [Tensor<Scalar>]
    /// Pushes `output.grad` into the inputs' grads; takes the output as a parameter so no cycle forms.
    @usableFromInline var backwardFunction: ((Tensor<Scalar>) -> Void)?
    /// A literal number lifted into a tensor (drawn as a constant in traces).
    @usableFromInline var isConstant = false

    /// A leaf tensor over `storage` (no copy).
    @inlinable
    public init(shape: Shape, storage: TensorStorage<Scalar>, requiresGrad: Bool = false) {
        precondition(storage.count == shape.count,
                     "Tensor: storage of \(storage.count) elements cannot have shape \(shape)")
        self.shape = shape
        self.storage = storage
        self.requiresGrad = requiresGrad
        self.op = nil
        self.inputs = []
        self.detail = ""
    }

    /// A node produced by an op.
    @inlinable
    init(shape: Shape, storage: TensorStorage<Scalar>, op: TensorOp, inputs: [Tensor<Scalar>],
         detail: String, requiresGrad: Bool, backward: ((Tensor<Scalar>) -> Void)?) {
        self.detail = detail
        self.shape = shape
        self.storage = storage
        self.op = op
        self.inputs = inputs
        self.requiresGrad = requiresGrad
        self.backwardFunction = backward
    }

    /// A leaf tensor holding `scalars` (row-major) with this shape.
    @inlinable
    public convenience init(shape: Shape, scalars: [Scalar], requiresGrad: Bool = false) {
        precondition(scalars.count == shape.count,
                     "Tensor: \(scalars.count) scalars cannot fill shape \(shape)")
        let storage = TensorStorage<Scalar>(uninitializedCount: scalars.count)
        scalars.withUnsafeBufferPointer { src in
            if let p = src.baseAddress { storage.base.initialize(from: p, count: src.count) }
        }
        self.init(shape: shape, storage: storage, requiresGrad: requiresGrad)
    }

    /// A tensor with every element equal to `value`.
    @inlinable
    public convenience init(repeating value: Scalar, shape: Shape, requiresGrad: Bool = false) {
        self.init(shape: shape, storage: TensorStorage(count: shape.count, repeating: value),
                  requiresGrad: requiresGrad)
    }

    /// A scalar (shape `[]`) constant.
    @inlinable
    public convenience init(_ value: Scalar) {
        self.init(repeating: value, shape: [])
        isConstant = true
    }

    /// Zeros of this shape.
    @inlinable
    public static func zeros(_ shape: Shape, requiresGrad: Bool = false) -> Tensor {
        Tensor(repeating: 0, shape: shape, requiresGrad: requiresGrad)
    }

    /// Ones of this shape.
    @inlinable
    public static func ones(_ shape: Shape, requiresGrad: Bool = false) -> Tensor {
        Tensor(repeating: 1, shape: shape, requiresGrad: requiresGrad)
    }

    /// Samples from N(0, std²) using `generator` (Box–Muller), e.g. for initialisation and gradient checks.
    @inlinable
    public static func randomNormal<G: RandomNumberGenerator>(_ shape: Shape, std: Scalar = 1, mean: Scalar = 0,
                                                             using generator: inout G) -> Tensor {
        let t = Tensor(repeating: 0, shape: shape)
        let p = t.storage.base
        for i in 0..<shape.count {
            let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator)
            let u2 = Double.random(in: 0..<1, using: &generator)
            let z = (-2 * Double.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            p[i] = mean + std * Scalar(z)
        }
        return t
    }

    /// Samples uniformly from `range`.
    @inlinable
    public static func randomUniform<G: RandomNumberGenerator>(_ shape: Shape, in range: ClosedRange<Scalar>,
                                                              using generator: inout G) -> Tensor {
        let t = Tensor(repeating: 0, shape: shape)
        let lo = Double(range.lowerBound), hi = Double(range.upperBound)
        for i in 0..<shape.count { t.storage.base[i] = Scalar(Double.random(in: lo...hi, using: &generator)) }
        return t
    }

    /// Number of elements.
    @inlinable public var count: Int { shape.count }
    /// The elements, row-major (a copy).
    @inlinable public var scalars: [Scalar] { Array(storage.buffer) }
    /// The single element of a one-element tensor.
    @inlinable
    public var item: Scalar {
        precondition(count == 1, "item: tensor of shape \(shape) has \(count) elements, expected 1")
        return storage.base[0]
    }

    /// Reads the elements without copying.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(storage.buffer))
    }

    /// Writes the elements in place (optimisers, data loading). Do not use on tensors a pending backward needs.
    @inlinable
    public func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try body(storage.buffer)
    }

    /// The same values cut off from the graph (no grad, no inputs); shares storage.
    @inlinable
    public func detached() -> Tensor { Tensor(shape: shape, storage: storage) }

    /// Alias of `detached()` (PyTorch's name).
    @inlinable
    public func detach() -> Tensor { detached() }

    /// A copy with its own storage, as a leaf.
    @inlinable
    public func copy(requiresGrad: Bool = false) -> Tensor {
        Tensor(shape: shape, scalars: scalars, requiresGrad: requiresGrad)
    }

    /// The same values converted to another precision, as a leaf.
    @inlinable
    public func converted<Other: TensorScalar>(to: Other.Type) -> Tensor<Other> {
        let out = Tensor<Other>(repeating: 0, shape: shape)
        for i in 0..<count { out.storage.base[i] = Other(storage.base[i]) }
        return out
    }

    /// Sets the gradient to zero in place (keeping its buffer), or leaves it nil if there is none.
    @inlinable
    public func zeroGrad() {
        if let g = grad { g.storage.base.update(repeating: 0, count: g.count) }
    }
}

extension Tensor: CustomStringConvertible {
    /// Shape and (for small tensors) the values.
    public var description: String {
        let values = count <= 16 ? scalars.map { "\($0)" }.joined(separator: ", ") : "\(count) elements"
        return "Tensor\(shape)(\(values)\(requiresGrad ? ", requiresGrad" : ""))"
    }
}
