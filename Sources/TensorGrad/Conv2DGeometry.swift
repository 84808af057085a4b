/// The index arithmetic of a 2-D convolution or pooling window over `[N, C, H, W]`, and the im2col /
/// col2im kernels that turn convolution into one GEMM.
///
/// Columns are laid out `[C·KH·KW, N·OH·OW]`: row r = (c, kh, kw), column = (n, oh, ow). One GEMM
/// `W[O, C·KH·KW] · cols` then computes every output position of the whole batch at once.
public struct Conv2DGeometry: Equatable, Sendable {
    /// Batch, channels, height, width of the input.
    public var batch, channels, height, width: Int
    /// Window height and width.
    public var kernelHeight, kernelWidth: Int
    /// Step between windows and zero padding on each side.
    public var stride, padding: Int

    /// Makes the geometry; precondition: the window fits in the padded input.
    @inlinable
    public init(input: Shape, kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int, op: String) {
        precondition(input.rank == 4, TensorError.invalidShape(op: op, shape: input,
                                                               expected: "[N, C, H, W]").description)
        precondition(stride >= 1 && padding >= 0, "\(op): stride \(stride) must be ≥ 1, padding \(padding) ≥ 0")
        (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
        (self.kernelHeight, self.kernelWidth, self.stride, self.padding) = (kernelHeight, kernelWidth, stride, padding)
        precondition(height + 2 * padding >= kernelHeight && width + 2 * padding >= kernelWidth,
                     TensorError.invalidShape(op: op, shape: input, expected:
                        "H, W ≥ kernel \(kernelHeight)×\(kernelWidth) after padding \(padding)").description)
    }

    /// Output height.
    @inlinable public var outHeight: Int { (height + 2 * padding - kernelHeight) / stride + 1 }
    /// Output width.
    @inlinable public var outWidth: Int { (width + 2 * padding - kernelWidth) / stride + 1 }
    /// Rows of the column matrix: C·KH·KW.
    @inlinable public var patchSize: Int { channels * kernelHeight * kernelWidth }
    /// Columns of the column matrix: N·OH·OW.
    @inlinable public var positions: Int { batch * outHeight * outWidth }
    /// Images per im2col chunk in `conv2d`: as many as keep one chunk's columns near 64 Ki scalars (256 KB of
    /// Float, half a core's L2 cache here), at least 1. Depends on the shape only, never on the thread count.
    @inlinable public var chunkImages: Int {
        Swift.max(1, Swift.min(batch, 65_536 / Swift.max(1, patchSize * outHeight * outWidth)))
    }

    /// Fills `cols` ([patchSize, positions]) from `x` ([N, C, H, W]); padding reads as 0.
    @inlinable
    public func im2col<S: TensorScalar>(_ x: UnsafePointer<S>, into cols: UnsafeMutablePointer<S>) {
        let oh = outHeight, ow = outWidth, plane = oh * ow, n = positions
        for c in 0..<channels {
            for kh in 0..<kernelHeight {
                for kw in 0..<kernelWidth {
                    let row = cols + ((c * kernelHeight + kh) * kernelWidth + kw) * n
                    for b in 0..<batch {
                        let image = x + (b * channels + c) * height * width
                        let dst = row + b * plane
                        for i in 0..<oh {
                            let y = i * stride - padding + kh
                            let line = dst + i * ow
                            if y < 0 || y >= height {
                                line.update(repeating: 0, count: ow)
                                continue
                            }
                            let src = image + y * width
                            var j = 0
                            // Left padding, interior, right padding: no bounds test inside the copy loop.
                            while j < ow && j * stride - padding + kw < 0 { line[j] = 0; j += 1 }
                            if stride == 1 {
                                let lastIn = Swift.min(ow, width + padding - kw)
                                if lastIn > j {
                                    // A plain loop, not memcpy: rows are 8–26 floats, shorter than a call costs.
                                    let from = src + j - padding + kw, to = line + j
                                    for t in 0..<(lastIn - j) { to[t] = from[t] }
                                    j = lastIn
                                }
                            } else {
                                while j < ow {
                                    let xcol = j * stride - padding + kw
                                    if xcol >= width { break }
                                    line[j] = src[xcol]
                                    j += 1
                                }
                            }
                            while j < ow { line[j] = 0; j += 1 }
                        }
                    }
                }
            }
        }
    }

    /// Adds `cols` ([patchSize, positions]) back into `gx` ([N, C, H, W]): the adjoint of `im2col`.
    @inlinable
    public func col2im<S: TensorScalar>(_ cols: UnsafePointer<S>, into gx: UnsafeMutablePointer<S>) {
        let oh = outHeight, ow = outWidth, plane = oh * ow, n = positions
        for c in 0..<channels {
            for kh in 0..<kernelHeight {
                for kw in 0..<kernelWidth {
                    let row = cols + ((c * kernelHeight + kh) * kernelWidth + kw) * n
                    for b in 0..<batch {
                        let image = gx + (b * channels + c) * height * width
                        let src = row + b * plane
                        for i in 0..<oh {
                            let y = i * stride - padding + kh
                            if y < 0 || y >= height { continue }
                            let line = src + i * ow, dst = image + y * width
                            if stride == 1 {
                                // Only the in-bounds run of the row: a plain vector add, no test per element.
                                let first = Swift.max(0, padding - kw), last = Swift.min(ow, width + padding - kw)
                                if last > first {
                                    let out = dst + first - padding + kw, add = line + first
                                    for j in 0..<(last - first) { out[j] += add[j] }
                                }
                                continue
                            }
                            for j in 0..<ow {
                                let xcol = j * stride - padding + kw
                                if xcol >= 0 && xcol < width { dst[xcol] += line[j] }
                            }
                        }
                    }
                }
            }
        }
    }
}
