/// Direct stride-1 convolution of Float images with 8-wide SIMD, the kernels behind `conv2d`'s fast path.
///
/// Why not im2col + GEMM for these: the seeds' layers are small (K = C·KH·KW = 25 or 250, 10 or 20 output
/// channels, 8–24-float rows), and measured here the column copies (im2col, the gather, col2im) and OpenBLAS's
/// packing of those skinny matrices took as long as the multiply-adds. These kernels read the image where it lies
/// (a zero-padded copy only when the shape needs one) and keep every partial sum in registers.
///
/// Layout. An output row of width OW is cut into ⌈OW/8⌉ vectors of 8; a *job* is one (row i, vector v). For
/// tap t = (c, kh, kw) the input a job reads starts at `offsets[t] + i·paddedWidth + 8·v` in the (padded) image,
/// so every tap of every job is one unaligned 8-float load. Lanes past OW compute on zeros and are dropped.
///
/// Blocking. Forward: 5 output channels × 2 jobs in 10 accumulators, one broadcast weight per channel and tap.
/// Weight gradient: 2 output channels × 5 taps in 10 accumulators, summed over every job of every image of a chunk,
/// then reduced across lanes. Blocks at the end of a range are moved back to fit (they recompute a few sums and
/// store the same values), so any channel or job count ≥ the block works without a scalar tail. Input gradient
/// (`inputGradient`): 8 taps × 1 job, summed over the output channels and added into ∂L/∂x where the taps read;
/// it accumulates, so its last block is padded with zero-weight taps instead of moved back.
///
/// Measured (`bench ops`, the seed net's layers, batch 64, 2 threads, a quiet sitting; README "Speed"): forward
/// at 61–80 % of the sgemm 1024³ rate of the same run, forward + backward at 35–59 % (medians 43 and 59 %),
/// against 17–38 % through im2col + GEMM. The wide net's second layer (64 × 288 weights) stays on the GEMM: see
/// `isFaster`.
///
/// Every sum runs in a fixed order that depends on the shape only, never on the thread count.
@usableFromInline
struct DirectConv {
    @usableFromInline let channels, height, width, padTop, padLeft, kernelHeight, kernelWidth, outChannels: Int
    @usableFromInline let outHeight, outWidth, vectors, paddedHeight, paddedWidth: Int
    /// Whether the image is first copied into a zero-padded buffer (padding, or rows too short for the last vector).
    @usableFromInline let copiesInput: Bool
    /// Whether output rows are whole vectors (OW a multiple of 8), so results are stored in place.
    @usableFromInline let rowsAreVectors: Bool
    /// Input offset of each tap (c, kh, kw) in the (padded) image.
    @usableFromInline let offsets: [Int]

    @usableFromInline static let channelBlock = 5, jobBlock = 2
    @usableFromInline static let gradientChannelBlock = 2, gradientTapBlock = 5

    /// A stride-1 convolution of [C, H, W] images, zero-padded by `padTop` rows and `padLeft` columns on each side,
    /// with KH×KW kernels into `outChannels` planes.
    @usableFromInline
    init(channels: Int, height: Int, width: Int, padTop: Int, padLeft: Int, kernelHeight: Int, kernelWidth: Int,
         outChannels: Int) {
        (self.channels, self.height, self.width) = (channels, height, width)
        (self.padTop, self.padLeft, self.kernelHeight, self.kernelWidth) = (padTop, padLeft, kernelHeight, kernelWidth)
        self.outChannels = outChannels
        outHeight = height + 2 * padTop - kernelHeight + 1
        outWidth = width + 2 * padLeft - kernelWidth + 1
        vectors = (outWidth + 7) / 8
        paddedHeight = height + 2 * padTop
        paddedWidth = Swift.max(width + 2 * padLeft, 8 * vectors + kernelWidth - 1)
        copiesInput = padTop != 0 || padLeft != 0 || paddedWidth != width
        rowsAreVectors = outWidth % 8 == 0
        var offsets: [Int] = []
        offsets.reserveCapacity(channels * kernelHeight * kernelWidth)
        for c in 0..<channels {
            for kh in 0..<kernelHeight {
                for kw in 0..<kernelWidth { offsets.append((c * paddedHeight + kh) * paddedWidth + kw) }
            }
        }
        self.offsets = offsets
    }

    /// Taps per output channel: C·KH·KW.
    @usableFromInline var taps: Int { channels * kernelHeight * kernelWidth }
    /// Jobs per image: output rows × vectors per row.
    @usableFromInline var jobs: Int { outHeight * vectors }
    /// Distance between output rows where results are computed: OW in place, 8·vectors in scratch.
    @usableFromInline var rowPitch: Int { rowsAreVectors ? outWidth : 8 * vectors }
    /// Floats of one padded input image.
    @usableFromInline var paddedImage: Int { copiesInput ? channels * paddedHeight * paddedWidth : 0 }
    /// Floats of one image's output rows in scratch.
    @usableFromInline var scratchOutput: Int { rowsAreVectors ? 0 : outChannels * outHeight * rowPitch }
    /// Whether the kernels' blocks fit this shape: ≥ 5 output channels, ≥ 5 taps.
    @usableFromInline var fitsBlocks: Bool {
        outChannels >= Self.channelBlock && outChannels >= Self.gradientChannelBlock && taps >= Self.gradientTapBlock
    }

    /// Whether these kernels beat im2col + GEMM here: the blocks fit and the weights fit in L1 (O·taps ≤ 8 192
    /// floats, 32 KB). The kernels keep the weights hot and stream each image past them; with more weights, each
    /// weight block re-reads the images from L2, and the GEMM, which packs a weight panel once and reuses every
    /// column of the images across all outputs, is faster (`bench ops`: the wide net's second layer, 64 × 288).
    @usableFromInline var isFaster: Bool { fitsBlocks && outChannels * taps <= 8_192 }

    /// The input image as the kernels read it: `x` itself, or its zero-padded copy written to `scratch`.
    @usableFromInline
    func prepared(_ x: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>) -> UnsafePointer<Float> {
        guard copiesInput else { return x }
        scratch.update(repeating: 0, count: paddedImage)
        for c in 0..<channels {
            for y in 0..<height {
                (scratch + (c * paddedHeight + y + padTop) * paddedWidth + padLeft)
                    .update(from: x + (c * height + y) * width, count: width)
            }
        }
        return UnsafePointer(scratch)
    }

    /// Input and output offsets of job j.
    @inline(__always) @usableFromInline
    func job(_ j: Int) -> (input: Int, output: Int) {
        let (i, v) = j.quotientAndRemainder(dividingBy: vectors)
        return (i * paddedWidth + 8 * v, i * rowPitch + 8 * v)
    }

    /// y[o] = bias[o] + Σ_t w[t][o]·x[t-shifted] for one image: `x` [C, H, W], `weights` tap-major [taps, O],
    /// `y` [O, OH, OW]. `scratch` holds `paddedImage + scratchOutput` floats.
    @usableFromInline
    func forward(_ x: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                 into y: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let input = prepared(x, scratch: scratch)
        let rows = rowsAreVectors ? y : scratch + paddedImage
        let plane = outHeight * rowPitch, jobs = self.jobs, taps = self.taps, block = Self.channelBlock
        offsets.withUnsafeBufferPointer { offsets in
            Self.forEachBlock(outChannels, block) { o0 in
                var j = 0
                while j < jobs {
                    let a = job(j), b = job(Swift.min(j + 1, jobs - 1))
                    Self.forwardBlock(input, offsets.baseAddress!, taps: taps, weights + o0, stride: outChannels,
                                      bias: bias.map { $0 + o0 }, jobA: a, jobB: b, rows + o0 * plane, plane: plane)
                    j += Self.jobBlock
                }
            }
        }
        guard !rowsAreVectors else { return }
        for o in 0..<outChannels {
            for i in 0..<outHeight {
                (y + (o * outHeight + i) * outWidth).update(from: rows + o * plane + i * rowPitch, count: outWidth)
            }
        }
    }

    /// Calls `body` with the start of each `block`-sized block covering 0..<count (count ≥ block), the last one
    /// moved back to end at `count`: it overlaps the one before and recomputes a few values, which a block that
    /// stores (rather than adds) its results writes again unchanged.
    @inline(__always) @usableFromInline
    static func forEachBlock(_ count: Int, _ block: Int, _ body: (Int) -> Void) {
        var start = 0
        while start < count {
            body(Swift.min(start, count - block))
            start += block
        }
    }

    /// Eight copies of `v` (written out: `SIMD8(repeating:)` crashed this compiler's IR generation here).
    @inline(__always) @usableFromInline
    static func splat(_ v: Float) -> SIMD8<Float> { SIMD8(v, v, v, v, v, v, v, v) }

    @inline(__always) @usableFromInline
    static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) @usableFromInline
    static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }

    /// Five output channels (weights[t·stride + 0…4]) × two jobs.
    @usableFromInline
    static func forwardBlock(_ x: UnsafePointer<Float>, _ offsets: UnsafePointer<Int>, taps: Int,
                             _ w: UnsafePointer<Float>, stride: Int, bias: UnsafePointer<Float>?,
                             jobA: (input: Int, output: Int), jobB: (input: Int, output: Int),
                             _ y: UnsafeMutablePointer<Float>, plane: Int) {
        let b0 = splat(bias?[0] ?? 0), b1 = splat(bias?[1] ?? 0)
        let b2 = splat(bias?[2] ?? 0), b3 = splat(bias?[3] ?? 0)
        let b4 = splat(bias?[4] ?? 0)
        var a0 = b0, a1 = b1, a2 = b2, a3 = b3, a4 = b4
        var c0 = b0, c1 = b1, c2 = b2, c3 = b3, c4 = b4
        let xa = x + jobA.input, xb = x + jobB.input
        var wt = w
        for t in 0..<taps {
            let off = offsets[t]
            let u = load(xa + off), v = load(xb + off)
            let w0 = splat(wt[0]), w1 = splat(wt[1]), w2 = splat(wt[2])
            let w3 = splat(wt[3]), w4 = splat(wt[4])
            a0 = a0.addingProduct(u, w0); c0 = c0.addingProduct(v, w0)
            a1 = a1.addingProduct(u, w1); c1 = c1.addingProduct(v, w1)
            a2 = a2.addingProduct(u, w2); c2 = c2.addingProduct(v, w2)
            a3 = a3.addingProduct(u, w3); c3 = c3.addingProduct(v, w3)
            a4 = a4.addingProduct(u, w4); c4 = c4.addingProduct(v, w4)
            wt += stride
        }
        let ya = y + jobA.output, yb = y + jobB.output
        store(a0, ya); store(a1, ya + plane); store(a2, ya + 2 * plane); store(a3, ya + 3 * plane)
        store(a4, ya + 4 * plane)
        store(c0, yb); store(c1, yb + plane); store(c2, yb + 2 * plane); store(c3, yb + 3 * plane)
        store(c4, yb + 4 * plane)
    }
}
