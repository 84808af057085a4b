extension Tensor {
    /// 2-D cross-correlation (PyTorch's conv2d): x [N, C, H, W], weight [O, C, KH, KW], bias [O] →
    /// [N, O, OH, OW] with OH = (H + 2·padding − KH)/stride + 1.
    /// Per image n, one GEMM Yₙ = W·colsₙ (colsₙ = im2col(xₙ), [C·KH·KW, OH·OW]) written straight into the
    /// NCHW output: ∂L/∂W = Σₙ ∂L/∂Yₙ·colsₙᵀ, ∂L/∂xₙ = col2im(Wᵀ·∂L/∂Yₙ), ∂L/∂b = Σ over N, OH, OW of ∂L/∂Y.
    /// Images are split across `Parallel` workers; the per-worker sums of ∂L/∂W and ∂L/∂b are added in worker
    /// order, so the result is reproducible for a given thread count.
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
        var one = geo
        one.batch = 1
        let k = geo.patchSize, plane = geo.outHeight * geo.outWidth, batch = geo.batch
        let imageSize = geo.channels * geo.height * geo.width
        let shape: Shape = [batch, outChannels, geo.outHeight, geo.outWidth]
        let out = TensorStorage<Scalar>(uninitializedCount: shape.count)
        // Columns are kept for backward only when a gradient will flow; otherwise each worker reuses one buffer.
        let keep = GraphContext.current.gradEnabled
            && (x.requiresGrad || weight.requiresGrad || bias?.requiresGrad == true)
        let workers = Parallel.workers(batch)
        let cols = TensorStorage<Scalar>(uninitializedCount: (keep ? batch : workers) * k * plane)
        let px = x.storage.base, pw = weight.storage.base, pb = bias?.storage.base, po = out.base
        Parallel.forEachChunk(batch, workers: workers) { images, worker in
            for n in images {
                let c = cols.base + (keep ? n : worker) * k * plane, y = po + n * outChannels * plane
                one.im2col(px + n * imageSize, into: c)
                if let pb {
                    for o in 0..<outChannels { (y + o * plane).update(repeating: pb[o], count: plane) }
                }
                Scalar.gemm(false, false, m: outChannels, n: plane, k: k, alpha: 1, pw, c, beta: pb == nil ? 0 : 1, y)
            }
        }
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return Tensor.result(shape, out, op: .conv2d, inputs: inputs,
                             detail: "\(geo.kernelHeight)×\(geo.kernelWidth) stride \(stride) pad \(padding)") { out in
            let g = out.grad!.storage.base
            let needW = weight.requiresGrad, needB = bias?.requiresGrad == true, needX = x.requiresGrad
            let workers = Parallel.workers(batch)
            let partialW = TensorStorage<Scalar>(count: needW ? workers * outChannels * k : 0, repeating: 0)
            let partialB = TensorStorage<Scalar>(count: needB ? workers * outChannels : 0, repeating: 0)
            let gcols = TensorStorage<Scalar>(uninitializedCount: needX ? workers * k * plane : 0)
            let gx = needX ? x.gradBuffer() : nil
            Parallel.forEachChunk(batch, workers: workers) { images, worker in
                for n in images {
                    let gy = g + n * outChannels * plane
                    if needB {
                        let gb = partialB.base + worker * outChannels
                        for o in 0..<outChannels {
                            var s: Scalar = 0
                            let row = gy + o * plane
                            for p in 0..<plane { s += row[p] }
                            gb[o] += s
                        }
                    }
                    if needW {
                        Scalar.gemm(false, true, m: outChannels, n: k, k: plane, alpha: 1, gy,
                                    cols.base + n * k * plane, beta: 1, partialW.base + worker * outChannels * k)
                    }
                    if let gx {
                        let gc = gcols.base + worker * k * plane
                        Scalar.gemm(true, false, m: k, n: plane, k: outChannels, alpha: 1, pw, gy, beta: 0, gc)
                        one.col2im(gc, into: gx + n * imageSize)
                    }
                }
            }
            if needW {
                let gw = weight.gradBuffer(), size = outChannels * k
                for w in 0..<workers { for i in 0..<size { gw[i] += partialW.base[w * size + i] } }
            }
            if let bias, needB {
                let gb = bias.gradBuffer()
                for w in 0..<workers { for o in 0..<outChannels { gb[o] += partialB.base[w * outChannels + o] } }
            }
        }
    }
}
