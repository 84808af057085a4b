extension Tensor {
    /// Splits the shape around `axis` into (outer, length, inner) for per-slice kernels.
    @inlinable
    func aroundAxis(_ axis: Int, op: String) -> (outer: Int, length: Int, inner: Int) {
        let a = shape.normalizedAxis(axis, op: op)
        return (shape.dims[..<a].reduce(1, *), shape.dims[a], shape.dims[(a + 1)...].reduce(1, *))
    }

    /// Softmax along `axis`: sᵢ = e^(xᵢ − max)/Σⱼ e^(xⱼ − max) (subtracting the max keeps e^ finite).
    /// ∂L/∂xᵢ = sᵢ·(∂L/∂sᵢ − Σⱼ ∂L/∂sⱼ·sⱼ) (fused: the Jacobian is never formed).
    @inlinable
    public func softmax(axis: Int = -1) -> Tensor { softmaxFamily(axis: axis, log: false) }

    /// log-softmax along `axis`: xᵢ − max − log Σⱼ e^(xⱼ − max), stable for any logits.
    /// ∂L/∂xᵢ = ∂L/∂yᵢ − softmaxᵢ·Σⱼ ∂L/∂yⱼ (fused).
    @inlinable
    public func logSoftmax(axis: Int = -1) -> Tensor { softmaxFamily(axis: axis, log: true) }

    @inlinable
    func softmaxFamily(axis: Int, log: Bool) -> Tensor {
        let (outer, length, inner) = aroundAxis(axis, op: log ? "logSoftmax" : "softmax")
        let out = TensorStorage<Scalar>(uninitializedCount: count)
        let px = storage.base, py = out.base
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * length * inner + i
                var top = -Scalar.infinity
                for j in 0..<length { top = Swift.max(top, px[base + j * inner]) }
                var total: Scalar = 0
                for j in 0..<length {
                    let e = Scalar.exp(px[base + j * inner] - top)
                    py[base + j * inner] = e
                    total += e
                }
                if log {
                    let shift = top + Scalar.log(total)
                    for j in 0..<length { py[base + j * inner] = px[base + j * inner] - shift }
                } else {
                    let r = 1 / total
                    for j in 0..<length { py[base + j * inner] *= r }
                }
            }
        }
        return Tensor.result(shape, out, op: log ? .logSoftmax : .softmax, inputs: [self],
                             detail: "axis \(axis)") { out in
            let g = out.grad!.storage.base, gx = out.inputs[0].gradBuffer()
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * length * inner + i
                    var dot: Scalar = 0
                    for j in 0..<length {
                        let k = base + j * inner
                        dot += log ? g[k] : g[k] * py[k]
                    }
                    for j in 0..<length {
                        let k = base + j * inner
                        gx[k] += log ? g[k] - Scalar.exp(py[k]) * dot : py[k] * (g[k] - dot)
                    }
                }
            }
        }
    }
}
