// Binary elementwise ops with NumPy broadcasting. Backward walks the output once per input and adds each
// gradient element into the input element it was read from, which sums over the broadcast axes.

extension Tensor {
    /// The broadcast shape of `a` and `b`; a mismatch stops with the op name and both shapes.
    @inlinable
    static func broadcastShape(_ a: Tensor, _ b: Tensor, _ op: TensorOp) -> Shape {
        if a.shape == b.shape { return a.shape }
        return checkShape { try Shape.broadcast(a.shape, b.shape, op: op.rawValue) }
    }

    /// a + b (broadcasting). ∂/∂a = 1, ∂/∂b = 1.
    @inlinable
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let shape = broadcastShape(a, b, .add)
        let sa = a.shape.broadcastStrides(to: shape), sb = b.shape.broadcastStrides(to: shape)
        let out = TensorStorage<Scalar>(uninitializedCount: shape.count)
        let pa = a.storage.base, pb = b.storage.base, po = out.base
        forEachBroadcast(shape, sa, sb) { o, i, j in po[o] = pa[i] + pb[j] }
        return result(shape, out, op: .add, inputs: [a, b]) { out in
            let g = out.grad!.storage.base
            if a.requiresGrad { let ga = a.gradBuffer(); forEachBroadcast(shape, sa, sb) { o, i, _ in ga[i] += g[o] } }
            if b.requiresGrad { let gb = b.gradBuffer(); forEachBroadcast(shape, sa, sb) { o, _, j in gb[j] += g[o] } }
        }
    }

    /// a − b (broadcasting). ∂/∂a = 1, ∂/∂b = −1.
    @inlinable
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let shape = broadcastShape(a, b, .sub)
        let sa = a.shape.broadcastStrides(to: shape), sb = b.shape.broadcastStrides(to: shape)
        let out = TensorStorage<Scalar>(uninitializedCount: shape.count)
        let pa = a.storage.base, pb = b.storage.base, po = out.base
        forEachBroadcast(shape, sa, sb) { o, i, j in po[o] = pa[i] - pb[j] }
        return result(shape, out, op: .sub, inputs: [a, b]) { out in
            let g = out.grad!.storage.base
            if a.requiresGrad { let ga = a.gradBuffer(); forEachBroadcast(shape, sa, sb) { o, i, _ in ga[i] += g[o] } }
            if b.requiresGrad { let gb = b.gradBuffer(); forEachBroadcast(shape, sa, sb) { o, _, j in gb[j] -= g[o] } }
        }
    }

    /// a · b elementwise (broadcasting). ∂/∂a = b, ∂/∂b = a.
    @inlinable
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let shape = broadcastShape(a, b, .mul)
        let sa = a.shape.broadcastStrides(to: shape), sb = b.shape.broadcastStrides(to: shape)
        let out = TensorStorage<Scalar>(uninitializedCount: shape.count)
        let pa = a.storage.base, pb = b.storage.base, po = out.base
        forEachBroadcast(shape, sa, sb) { o, i, j in po[o] = pa[i] * pb[j] }
        return result(shape, out, op: .mul, inputs: [a, b]) { out in
            let g = out.grad!.storage.base
            if a.requiresGrad {
                let ga = a.gradBuffer()
                forEachBroadcast(shape, sa, sb) { o, i, j in ga[i] += g[o] * pb[j] }
            }
            if b.requiresGrad {
                let gb = b.gradBuffer()
                forEachBroadcast(shape, sa, sb) { o, i, j in gb[j] += g[o] * pa[i] }
            }
        }
    }

    /// a / b elementwise (broadcasting). ∂/∂a = 1/b, ∂/∂b = −a/b².
    @inlinable
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let shape = broadcastShape(a, b, .div)
        let sa = a.shape.broadcastStrides(to: shape), sb = b.shape.broadcastStrides(to: shape)
        let out = TensorStorage<Scalar>(uninitializedCount: shape.count)
        let pa = a.storage.base, pb = b.storage.base, po = out.base
        forEachBroadcast(shape, sa, sb) { o, i, j in po[o] = pa[i] / pb[j] }
        return result(shape, out, op: .div, inputs: [a, b]) { out in
            let g = out.grad!.storage.base
            if a.requiresGrad {
                let ga = a.gradBuffer()
                forEachBroadcast(shape, sa, sb) { o, i, j in ga[i] += g[o] / pb[j] }
            }
            if b.requiresGrad {
                let gb = b.gradBuffer()
                forEachBroadcast(shape, sa, sb) { o, i, j in gb[j] -= g[o] * pa[i] / (pb[j] * pb[j]) }
            }
        }
    }

    /// −a. ∂/∂a = −1.
    @inlinable
    public static prefix func - (a: Tensor) -> Tensor {
        a.unary(.neg, { -$0 }, { _, _ in -1 })
    }

    /// a + c for a number c.
    @inlinable public static func + (a: Tensor, c: Scalar) -> Tensor { a + Tensor(c) }
    /// c + a for a number c.
    @inlinable public static func + (c: Scalar, a: Tensor) -> Tensor { Tensor(c) + a }
    /// a − c for a number c.
    @inlinable public static func - (a: Tensor, c: Scalar) -> Tensor { a - Tensor(c) }
    /// c − a for a number c.
    @inlinable public static func - (c: Scalar, a: Tensor) -> Tensor { Tensor(c) - a }
    /// a · c for a number c.
    @inlinable public static func * (a: Tensor, c: Scalar) -> Tensor { a * Tensor(c) }
    /// c · a for a number c.
    @inlinable public static func * (c: Scalar, a: Tensor) -> Tensor { Tensor(c) * a }
    /// a / c for a number c.
    @inlinable public static func / (a: Tensor, c: Scalar) -> Tensor { a / Tensor(c) }
    /// c / a for a number c.
    @inlinable public static func / (c: Scalar, a: Tensor) -> Tensor { Tensor(c) / a }
}
