// Unary elementwise ops. Each states its local derivative; `unary` applies f forward and multiplies the
// upstream gradient by f′(x, y) backward (y = f(x) saves recomputing exp/tanh/sigmoid).

extension Tensor {
    /// y = f(x) elementwise with ∂y/∂x = derivative(x, y).
    @inlinable @inline(__always)
    func unary(_ op: TensorOp, detail: @autoclosure () -> String = "", _ f: (Scalar) -> Scalar,
               _ derivative: @escaping (_ x: Scalar, _ y: Scalar) -> Scalar) -> Tensor {
        let n = count
        let out = TensorStorage<Scalar>(uninitializedCount: n)
        let px = storage.base, py = out.base
        for i in 0..<n { py[i] = f(px[i]) }
        return Tensor.result(shape, out, op: op, inputs: [self], detail: detail()) { out in
            let g = out.grad!.storage.base, gx = out.inputs[0].gradBuffer()
            for i in 0..<n { gx[i] += g[i] * derivative(px[i], py[i]) }
        }
    }

    /// eˣ. ∂/∂x = eˣ.
    @inlinable public func exp() -> Tensor { unary(.exp, { Scalar.exp($0) }, { _, y in y }) }

    /// ln x (x > 0). ∂/∂x = 1/x.
    @inlinable public func log() -> Tensor { unary(.log, { Scalar.log($0) }, { x, _ in 1 / x }) }

    /// xᵖ for a constant p. ∂/∂x = p·xᵖ⁻¹.
    @inlinable
    public func pow(_ p: Scalar) -> Tensor {
        unary(.pow, detail: "^\(p)", { Scalar.pow($0, p) }, { x, _ in p * Scalar.pow(x, p - 1) })
    }

    /// √x (x > 0). ∂/∂x = 1/(2√x).
    @inlinable public func sqrt() -> Tensor { unary(.sqrt, { $0.squareRoot() }, { _, y in 1 / (2 * y) }) }

    /// |x|. ∂/∂x = sign(x) (0 at 0).
    @inlinable
    public func abs() -> Tensor { unary(.abs, { Swift.abs($0) }, { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) }) }

    /// tanh x. ∂/∂x = 1 − tanh²x.
    @inlinable public func tanh() -> Tensor { unary(.tanh, { Scalar.tanh($0) }, { _, y in 1 - y * y }) }

    /// σ(x) = 1/(1 + e⁻ˣ). ∂/∂x = σ(x)(1 − σ(x)).
    @inlinable
    public func sigmoid() -> Tensor {
        unary(.sigmoid, { x in
            // Stable on both sides: never exponentiates a large positive number.
            if x >= 0 { return 1 / (1 + Scalar.exp(-x)) }
            let e = Scalar.exp(x)
            return e / (1 + e)
        }, { _, y in y * (1 - y) })
    }

    /// max(x, 0). ∂/∂x = 1 if x > 0 else 0. Written out (no closure) because it runs on every activation.
    @inlinable
    public func relu() -> Tensor {
        let n = count
        let out = TensorStorage<Scalar>(uninitializedCount: n)
        let px = storage.base, py = out.base
        for i in 0..<n { py[i] = px[i] > 0 ? px[i] : 0 }
        return Tensor.result(shape, out, op: .relu, inputs: [self]) { out in
            let g = out.grad!.storage.base, gx = out.inputs[0].gradBuffer()
            for i in 0..<n where py[i] > 0 { gx[i] += g[i] }
        }
    }

    /// x if x > 0 else slope·x. ∂/∂x = 1 if x > 0 else slope.
    @inlinable
    public func leakyRelu(slope: Scalar = 0.01) -> Tensor {
        unary(.leakyRelu, detail: "slope \(slope)", { $0 > 0 ? $0 : slope * $0 }, { x, _ in x > 0 ? 1 : slope })
    }
}
