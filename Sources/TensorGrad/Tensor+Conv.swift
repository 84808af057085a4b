extension Tensor {
    /// 2-D cross-correlation (PyTorch's conv2d): x [N, C, H, W], weight [O, C, KH, KW], bias [O] →
    /// [N, O, OH, OW] with OH = (H + 2·padding − KH)/stride + 1.
    /// As a GEMM per chunk of images, Y = W·cols with cols = im2col(x) ([C·KH·KW, n·OH·OW]):
    /// ∂L/∂W = ∂L/∂Y·colsᵀ, ∂L/∂x = col2im(Wᵀ·∂L/∂Y), ∂L/∂b = Σ over N, OH, OW of ∂L/∂Y.
    /// Backward recomputes each chunk's columns instead of keeping the whole batch's: cheaper than the
    /// memory traffic of storing them.
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
        let k = geo.patchSize, plane = geo.outHeight * geo.outWidth, batch = geo.batch
        let chunk = geo.imagesPerChunk(scalarSize: MemoryLayout<Scalar>.stride)
        let cols = TensorStorage<Scalar>(uninitializedCount: k * chunk * plane)
        let y = TensorStorage<Scalar>(uninitializedCount: outChannels * chunk * plane)
        let shape: Shape = [batch, outChannels, geo.outHeight, geo.outWidth]
        let out = TensorStorage<Scalar>(uninitializedCount: shape.count)
        let px = x.storage.base, pw = weight.storage.base, py = y.base, po = out.base
        for first in Swift.stride(from: 0, to: batch, by: chunk) {
            let images = first..<Swift.min(first + chunk, batch), columns = images.count * plane
            geo.im2col(px, images: images, into: cols.base)
            Scalar.gemm(false, false, m: outChannels, n: columns, k: k, alpha: 1, pw, cols.base, beta: 0, py)
            // Y is [O, n·OH·OW]; scatter to [N, O, OH, OW] adding the bias on the way.
            for o in 0..<outChannels {
                let b = bias?.storage.base[o] ?? 0
                for (i, image) in images.enumerated() {
                    let src = py + o * columns + i * plane, dst = po + (image * outChannels + o) * plane
                    for p in 0..<plane { dst[p] = src[p] + b }
                }
            }
        }
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return Tensor.result(shape, out, op: .conv2d, inputs: inputs,
                             detail: "\(geo.kernelHeight)×\(geo.kernelWidth) stride \(stride) pad \(padding)") { out in
            let g = out.grad!.storage.base, gy = y.base
            let gb = bias?.requiresGrad == true ? bias!.gradBuffer() : nil
            let gw = weight.requiresGrad ? weight.gradBuffer() : nil
            let gx = x.requiresGrad ? x.gradBuffer() : nil
            for first in Swift.stride(from: 0, to: batch, by: chunk) {
                let images = first..<Swift.min(first + chunk, batch), columns = images.count * plane
                // ∂L/∂Y of the chunk in [O, n·OH·OW] order.
                for o in 0..<outChannels {
                    for (i, image) in images.enumerated() {
                        (gy + o * columns + i * plane).update(from: g + (image * outChannels + o) * plane, count: plane)
                    }
                }
                if let gb {
                    for o in 0..<outChannels {
                        var s: Scalar = 0
                        let row = gy + o * columns
                        for p in 0..<columns { s += row[p] }
                        gb[o] += s
                    }
                }
                if let gw {
                    geo.im2col(px, images: images, into: cols.base)
                    Scalar.gemm(false, true, m: outChannels, n: k, k: columns, alpha: 1, gy, cols.base, beta: 1, gw)
                }
                if let gx {
                    Scalar.gemm(true, false, m: k, n: columns, k: outChannels, alpha: 1, pw, gy, beta: 0, cols.base)
                    geo.col2im(cols.base, images: images, into: gx)
                }
            }
        }
    }
}
