extension Tensor {
    /// 2-D cross-correlation (PyTorch's conv2d): x [N, C, H, W], weight [O, C, KH, KW], bias [O] →
    /// [N, O, OH, OW] with OH = (H + 2·padding − KH)/stride + 1.
    ///
    /// The batch goes through in chunks of a few images (`Conv2DGeometry.chunkImages`: a chunk's columns fill
    /// about 256 KB, so they stay in the core's L2 cache between im2col, the GEMM and the epilogue). Per chunk c:
    /// cols_c = im2col(x_c) is [K, g·P] (K = C·KH·KW, P = OH·OW, g images), Y_c = W·cols_c is [O, g·P], and the
    /// epilogue moves it into NCHW order adding the bias. Backward per chunk: ∂L/∂Y_c gathered to [O, g·P]
    /// (∂L/∂b summed in the same pass), ∂L/∂W_c = ∂L/∂Y_c·cols_cᵀ, ∂L/∂x_c = col2im(Wᵀ·∂L/∂Y_c).
    ///
    /// Why chunks and not one GEMM over the whole batch: measured on this machine, OpenBLAS runs these shapes at
    /// 30–65 GFLOPS per image already (K = 25 or 250 is not what slows convolution down); a whole-batch column
    /// matrix (3.7 MB for the seed net's first layer) leaves the cache and the extra passes over it cost more than
    /// they save. README's speed section has the figures.
    ///
    /// Chunks are spread over `Parallel` workers. Each chunk's ∂L/∂W and ∂L/∂b are written to its own slot and the
    /// slots are added in chunk order, so the result does not depend on the thread count at all.
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
        if let direct = directConvolution(weight: weight, bias: bias, geometry: geo) { return direct }
        let k = geo.patchSize, plane = geo.outHeight * geo.outWidth, batch = geo.batch
        let imageSize = geo.channels * geo.height * geo.width
        let group = geo.chunkImages, chunks = (batch + group - 1) / group
        let shape: Shape = [batch, outChannels, geo.outHeight, geo.outWidth]
        let out = TensorStorage<Scalar>(uninitializedCount: shape.count)
        // Columns are kept for backward only when a weight gradient will flow; otherwise each worker reuses one
        // chunk-sized buffer.
        let keep = GraphContext.current.gradEnabled && weight.requiresGrad
        let workers = Parallel.workers(chunks)
        let chunkCols = k * group * plane
        let cols = TensorStorage<Scalar>(uninitializedCount: keep ? k * batch * plane : workers * chunkCols)
        let products = TensorStorage<Scalar>(uninitializedCount: workers * outChannels * group * plane)
        let px = x.storage.base, pw = weight.storage.base, pb = bias?.storage.base, po = out.base
        Parallel.forEachChunk(chunks, workers: workers) { range, worker in
            for chunk in range {
                let images = (chunk * group)..<Swift.min(batch, (chunk + 1) * group), n = images.count * plane
                var sub = geo
                sub.batch = images.count
                let c = cols.base + (keep ? chunk * chunkCols : worker * chunkCols)
                let y = products.base + worker * outChannels * group * plane
                sub.im2col(px + images.lowerBound * imageSize, into: c)
                Scalar.gemm(false, false, m: outChannels, n: n, k: k, alpha: 1, pw, c, beta: 0, y)
                // Epilogue: [O, g·P] → [g, O, P], plus the bias.
                for (i, image) in images.enumerated() {
                    for o in 0..<outChannels {
                        let src = y + o * n + i * plane, dst = po + (image * outChannels + o) * plane
                        if let pb {
                            let b = pb[o]
                            for p in 0..<plane { dst[p] = src[p] + b }
                        } else {
                            dst.update(from: src, count: plane)
                        }
                    }
                }
            }
        }
        let kept = keep ? cols : nil
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return Tensor.result(shape, out, op: .conv2d, inputs: inputs,
                             detail: "\(geo.kernelHeight)×\(geo.kernelWidth) stride \(stride) pad \(padding)") { out in
            let g = out.grad!.storage.base
            let needW = weight.requiresGrad, needB = bias?.requiresGrad == true, needX = x.requiresGrad
            let workers = Parallel.workers(chunks)
            // One slot per chunk (not per worker), added in chunk order: the same bits for every thread count.
            let partialW = TensorStorage<Scalar>(uninitializedCount: needW ? chunks * outChannels * k : 0)
            let partialB = TensorStorage<Scalar>(uninitializedCount: needB ? chunks * outChannels : 0)
            let gathered = TensorStorage<Scalar>(uninitializedCount: workers * outChannels * group * plane)
            let gcols = TensorStorage<Scalar>(uninitializedCount: needX ? workers * chunkCols : 0)
            let gx = needX ? x.gradBuffer() : nil
            Parallel.forEachChunk(chunks, workers: workers) { range, worker in
                for chunk in range {
                    let images = (chunk * group)..<Swift.min(batch, (chunk + 1) * group), n = images.count * plane
                    let gy = gathered.base + worker * outChannels * group * plane
                    // ∂L/∂Y of the chunk to [O, g·P]; each channel's bias gradient summed image by image.
                    for o in 0..<outChannels {
                        var total: Scalar = 0
                        for (i, image) in images.enumerated() {
                            let src = g + (image * outChannels + o) * plane
                            (gy + o * n + i * plane).update(from: src, count: plane)
                            if needB {
                                var s: Scalar = 0
                                for p in 0..<plane { s += src[p] }
                                total += s
                            }
                        }
                        if needB { partialB.base[chunk * outChannels + o] = total }
                    }
                    if needW, let kept {
                        Scalar.gemm(false, true, m: outChannels, n: k, k: n, alpha: 1, gy,
                                    kept.base + chunk * chunkCols, beta: 0,
                                    partialW.base + chunk * outChannels * k)
                    }
                    if let gx {
                        var sub = geo
                        sub.batch = images.count
                        let gc = gcols.base + worker * chunkCols
                        Scalar.gemm(true, false, m: k, n: n, k: outChannels, alpha: 1, pw, gy, beta: 0, gc)
                        sub.col2im(gc, into: gx + images.lowerBound * imageSize)
                    }
                }
            }
            if needW {
                Parallel.addSlots(partialW.base, slots: chunks, size: outChannels * k, into: weight.gradBuffer())
            }
            if let bias, needB {
                Parallel.addSlots(partialB.base, slots: chunks, size: outChannels, into: bias.gradBuffer())
            }
        }
    }
}
