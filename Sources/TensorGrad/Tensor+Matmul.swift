// Matrix products through BLAS GEMM. Backward accumulates straight into the gradient buffers with β = 1,
// so no temporary is allocated.

extension Tensor {
    /// Checked matrix product for shapes that come from user input: throws `TensorError.shapeMismatch`.
    public func checkedMatmul(_ other: Tensor) throws -> Tensor {
        try Tensor.matmulShape(self.shape, other.shape)
        return matmul(other)
    }

    /// The result shape of `lhs · rhs`: [m,k]·[k,n] → [m,n]; [B,m,k]·[B,k,n] or [B,m,k]·[k,n] → [B,m,n].
    @discardableResult
    public static func matmulShape(_ lhs: Shape, _ rhs: Shape) throws -> Shape {
        let mismatch = TensorError.shapeMismatch(op: "matmul", lhs: lhs, rhs: rhs)
        switch (lhs.rank, rhs.rank) {
        case (2, 2):
            guard lhs[1] == rhs[0] else { throw mismatch }
            return [lhs[0], rhs[1]]
        case (3, 3):
            guard lhs[0] == rhs[0], lhs[2] == rhs[1] else { throw mismatch }
            return [lhs[0], lhs[1], rhs[2]]
        case (3, 2):
            guard lhs[2] == rhs[0] else { throw mismatch }
            return [lhs[0], lhs[1], rhs[1]]
        default:
            throw mismatch
        }
    }

    /// Matrix product: 2-D [m,k]·[k,n], batched [B,m,k]·[B,k,n], or a batch times one matrix [B,m,k]·[k,n].
    /// With C = A·B: ∂L/∂A = ∂L/∂C·Bᵀ, ∂L/∂B = Aᵀ·∂L/∂C (summed over the batch when B is shared).
    @inlinable
    public func matmul(_ other: Tensor) -> Tensor {
        let a = self, b = other
        let shape = checkShape { try Tensor.matmulShape(a.shape, b.shape) }
        let batch = a.shape.rank == 3 ? a.shape[0] : 1
        let m = a.shape[-2], k = a.shape[-1], n = b.shape[-1]
        let sharedB = b.shape.rank == 2
        let out = TensorStorage<Scalar>(uninitializedCount: shape.count)
        let pa = a.storage.base, pb = b.storage.base, pc = out.base
        for i in 0..<batch {
            Scalar.gemm(false, false, m: m, n: n, k: k, alpha: 1, pa + i * m * k,
                        pb + (sharedB ? 0 : i * k * n), beta: 0, pc + i * m * n)
        }
        return Tensor.result(shape, out, op: .matmul, inputs: [a, b]) { out in
            let g = out.grad!.storage.base
            if a.requiresGrad {
                let ga = a.gradBuffer()
                for i in 0..<batch {
                    Scalar.gemm(false, true, m: m, n: k, k: n, alpha: 1, g + i * m * n,
                                pb + (sharedB ? 0 : i * k * n), beta: 1, ga + i * m * k)
                }
            }
            if b.requiresGrad {
                let gb = b.gradBuffer()
                for i in 0..<batch {
                    Scalar.gemm(true, false, m: k, n: n, k: m, alpha: 1, pa + i * m * k, g + i * m * n,
                                beta: 1, gb + (sharedB ? 0 : i * k * n))
                }
            }
        }
    }

    /// A fully connected layer in one op: y = x·Wᵀ + b with x [N, in], W [out, in] (PyTorch's layout),
    /// b [out]. ∂L/∂x = ∂L/∂y·W, ∂L/∂W = (∂L/∂y)ᵀ·x, ∂L/∂b = Σₙ ∂L/∂y. Fused so the bias add costs no extra
    /// pass or node.
    @inlinable
    public func linear(weight: Tensor, bias: Tensor? = nil) -> Tensor {
        let x = self
        precondition(x.shape.rank == 2 && weight.shape.rank == 2 && x.shape[1] == weight.shape[1],
                     TensorError.shapeMismatch(op: "linear", lhs: x.shape, rhs: weight.shape).description)
        let rows = x.shape[0], inFeatures = x.shape[1], outFeatures = weight.shape[0]
        if let bias {
            precondition(bias.shape == [outFeatures],
                         TensorError.shapeMismatch(op: "linear bias", lhs: weight.shape, rhs: bias.shape).description)
        }
        let shape: Shape = [rows, outFeatures]
        let out = TensorStorage<Scalar>(uninitializedCount: shape.count)
        let px = x.storage.base, pw = weight.storage.base, py = out.base
        if let bias {
            let pb = bias.storage.base
            for r in 0..<rows { (py + r * outFeatures).update(from: pb, count: outFeatures) }
        } else {
            py.update(repeating: 0, count: shape.count)
        }
        Scalar.gemm(false, true, m: rows, n: outFeatures, k: inFeatures, alpha: 1, px, pw, beta: 1, py)
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return Tensor.result(shape, out, op: .linear, inputs: inputs,
                             detail: "\(inFeatures)→\(outFeatures)") { out in
            let g = out.grad!.storage.base
            if x.requiresGrad {
                Scalar.gemm(false, false, m: rows, n: inFeatures, k: outFeatures, alpha: 1, g, pw,
                            beta: 1, x.gradBuffer())
            }
            if weight.requiresGrad {
                Scalar.gemm(true, false, m: outFeatures, n: inFeatures, k: rows, alpha: 1, g, px,
                            beta: 1, weight.gradBuffer())
            }
            if let bias, bias.requiresGrad {
                let gb = bias.gradBuffer()
                for r in 0..<rows {
                    let row = g + r * outFeatures
                    for j in 0..<outFeatures { gb[j] += row[j] }
                }
            }
        }
    }
}
