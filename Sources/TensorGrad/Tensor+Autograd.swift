import Tracing

/// Per-task settings of graph recording: whether gradients are tracked and how much tracing keeps.
public struct GraphContext: Sendable {
    /// False inside `withNoGrad { }`: ops record no graph.
    public var gradEnabled = true
    /// The tracing level in force (`withTracing(_:_:)`); `off` by default.
    public var traceLevel: TraceLevel = .off

    /// Makes the default context (gradients on, tracing off).
    public init() {}

    /// The context in force for the current task or thread.
    @TaskLocal public static var current = GraphContext()
}

/// Runs `body` without recording a graph (evaluation): results have `requiresGrad == false`.
@inlinable
public func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
    var context = GraphContext.current
    context.gradEnabled = false
    return try GraphContext.$current.withValue(context, operation: body)
}

/// Runs `body` with tracing at `level`: ops keep their settings (`detail`) and, with gradients off, still
/// keep their inputs so `trace(title:level:)` can draw the graph. `.off` costs nothing per op.
@inlinable
public func withTracing<R>(_ level: TraceLevel, _ body: () throws -> R) rethrows -> R {
    var context = GraphContext.current
    context.traceLevel = level
    return try GraphContext.$current.withValue(context, operation: body)
}

extension Tensor {
    /// Wraps the output of an op: records inputs and the backward closure when a gradient can flow (or
    /// when tracing), and the op's `detail` only while tracing. This is where every op emits its trace node.
    @inlinable
    static func result(_ shape: Shape, _ storage: TensorStorage<Scalar>, op: TensorOp, inputs: [Tensor],
                       detail: @autoclosure () -> String = "",
                       backward: @escaping (Tensor) -> Void) -> Tensor {
        let context = GraphContext.current
        let needsGrad = context.gradEnabled && inputs.contains { $0.requiresGrad }
        let tracing = context.traceLevel != .off
        let out = Tensor(shape: shape, storage: storage, op: op,
                         inputs: needsGrad || tracing ? inputs : [], detail: tracing ? detail() : "",
                         requiresGrad: needsGrad, backward: needsGrad ? backward : nil)
        return out
    }

    /// The gradient buffer of this tensor, created as zeros on first use; backward closures add into it.
    @inlinable
    func gradBuffer() -> UnsafeMutablePointer<Scalar> {
        if let g = grad { return g.storage.base }
        let g = Tensor(repeating: 0, shape: shape)
        grad = g
        return g.storage.base
    }

    /// Tensors reaching this one, parents before children (iterative depth-first search: deep graphs
    /// must not overflow the stack).
    public func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded {
                order.append(node)
                continue
            }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for input in node.inputs.reversed() where !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order
    }

    /// Back-propagates from this tensor: adds ∂self/∂t · `gradient` to `t.grad` for every tensor `t` with
    /// `requiresGrad` that this one depends on. `gradient` defaults to ones (use it for a scalar loss).
    /// Gradients accumulate across calls; call `zeroGrad()` on parameters between steps.
    @inlinable
    public func backward(_ gradient: Tensor? = nil) {
        backward(gradient, around: nil)
    }

    /// `backward(_:)` with each node's step run as `around(node, step)`: how `dlexplain bench train` times the
    /// backward pass layer by layer. `around` must call `step` exactly once. Inlinable so the seeding loop below is
    /// specialised for the scalar type (generic, it cost ≈ 10 ns per element through witness tables).
    @inlinable
    public func backward(_ gradient: Tensor? = nil, around: ((Tensor, () -> Void) -> Void)?) {
        if let gradient {
            precondition(gradient.shape == shape,
                         "backward: gradient shape \(gradient.shape) differs from tensor shape \(shape)")
        }
        guard requiresGrad else { return }
        let order = topologicalOrder()
        // Intermediate gradients start fresh on every pass, so only leaves accumulate across calls.
        for node in order where node.op != nil { node.grad = nil }
        let g = gradBuffer()
        if let gradient {
            for i in 0..<count { g[i] += gradient.storage.base[i] }
        } else {
            for i in 0..<count { g[i] += 1 }
        }
        for node in order.reversed() where node.grad != nil {
            guard let step = node.backwardFunction else { continue }
            if let around { around(node) { step(node) } } else { step(node) }
        }
    }
}
