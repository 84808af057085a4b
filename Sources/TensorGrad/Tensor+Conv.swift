extension Tensor {
    /// 2-D cross-correlation (PyTorch's conv2d): x [N, C, H, W], weight [O, C, KH, KW], bias [O] →
    /// [N, O, OH, OW] with OH = (H + 2·padding − KH)/stride + 1.
    /// As one GEMM Y = W·cols (cols = im2col(x), [C·KH·KW, N·OH·OW]):
    /// ∂L/∂W = ∂L/∂Y·colsᵀ, ∂L/∂x = col2im(Wᵀ·∂L/∂Y), ∂L/∂b = Σ over N, OH, OW of ∂L/∂Y.
    @inlinable
    public func conv2d(weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) -> Tensor {
        let x = self
        precondition(weight.shape.rank == 4 && x.shape.rank == 4 && weight.shape[1] == x.shape[1],
                     TensorError.shapeMismatch(op: "conv2d", lhs: x.shape, rhs: weight.shape).description)
        let geo = Conv2DGeometry(input: x.shape, kernelHeight: weight.shape[2], kernelWidth: weight.shape[3],
                                 stride: stride, padding: padding, op: "conv2d")
        let outChannels = weight.shape[0]
        if let bias {
            precondition(bias.shape == [outChannels],
                         TensorError.shapeMismatch(op: "conv2d bias", lhs: weight.shape, rhs: bias.shape).description)
        }
        let k = geo.patchSize, positions = geo.positions, plane = geo.outHeight * geo.outWidth
        let batch = geo.batch
        let cols = TensorStorage<Scalar>(uninitializedCount: k * positions)
        geo.im2col(x.storage.base, into: cols.base)
        // Y in [O, N·OH·OW] order, then scattered to [N, O, OH, OW] with the bias added on the way.
        let y = TensorStorage<Scalar>(uninitializedCount: outChannels * positions)
        Scalar.gemm(false, false, m: outChannels, n: positions, k: k, alpha: 1, weight.storage.base,
                    cols.base, beta: 0, y.base)
        let shape: Shape = [batch, outChannels, geo.outHeight, geo.outWidth]
        let out = TensorStorage<Scalar>(uninitializedCount: shape.count)
        let py = y.base, po = out.base
        for o in 0..<outChannels {
            let b = bias?.storage.base[o] ?? 0
            for n in 0..<batch {
                let src = py + o * positions + n * plane, dst = po + (n * outChannels + o) * plane
                for p in 0..<plane { dst[p] = src[p] + b }
            }
        }
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return Tensor.result(shape, out, op: .conv2d, inputs: inputs,
                             detail: "\(geo.kernelHeight)×\(geo.kernelWidth) stride \(stride) pad \(padding)") { out in
            let g = out.grad!.storage.base
            // ∂L/∂Y back in [O, N·OH·OW] order (reusing y's buffer, no longer needed).
            let gy = y.base
            for o in 0..<outChannels {
                for n in 0..<batch {
                    (gy + o * positions + n * plane).update(from: g + (n * outChannels + o) * plane, count: plane)
                }
            }
            if let bias, bias.requiresGrad {
                let gb = bias.gradBuffer()
                for o in 0..<outChannels {
                    var s: Scalar = 0
                    let row = gy + o * positions
                    for p in 0..<positions { s += row[p] }
                    gb[o] += s
                }
            }
            if weight.requiresGrad {
                Scalar.gemm(false, true, m: outChannels, n: k, k: positions, alpha: 1, gy, cols.base,
                            beta: 1, weight.gradBuffer())
            }
            if x.requiresGrad {
                let gcols = TensorStorage<Scalar>(uninitializedCount: k * positions)
                Scalar.gemm(true, false, m: k, n: positions, k: outChannels, alpha: 1, weight.storage.base, gy,
                            beta: 0, gcols.base)
                geo.col2im(gcols.base, into: x.gradBuffer())
            }
        }
    }
}
