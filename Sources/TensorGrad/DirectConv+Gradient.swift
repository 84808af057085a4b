extension DirectConv {
    /// One image's ∂L/∂y [O, OH, OW] as the gradient kernel reads it: in place when rows are whole vectors, else
    /// copied to rows of `rowPitch` with zeros in the lanes past OW (so those lanes add nothing).
    @usableFromInline
    func gradientRows(_ gy: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>) -> UnsafePointer<Float> {
        guard !rowsAreVectors else { return gy }
        for o in 0..<outChannels {
            for i in 0..<outHeight {
                let row = scratch + (o * outHeight + i) * rowPitch
                row.update(from: gy + (o * outHeight + i) * outWidth, count: outWidth)
                (row + outWidth).update(repeating: 0, count: rowPitch - outWidth)
            }
        }
        return UnsafePointer(scratch)
    }

    /// ∂L/∂w [O, taps] (overwritten) = Σ over the given images and every output position of ∂L/∂y · x, for images
    /// already `prepared` (inputs) and in `gradientRows` form (grads).
    @usableFromInline
    func weightGradient(inputs: [UnsafePointer<Float>], grads: [UnsafePointer<Float>],
                        into dw: UnsafeMutablePointer<Float>) {
        let taps = self.taps, channelBlock = Self.gradientChannelBlock, tapBlock = Self.gradientTapBlock
        offsets.withUnsafeBufferPointer { offsets in
            Self.forEachBlock(outChannels, channelBlock) { o0 in
                Self.forEachBlock(taps, tapBlock) { t0 in
                    gradientBlock(inputs, grads, channel: o0, taps: (offsets[t0], offsets[t0 + 1], offsets[t0 + 2],
                                                                           offsets[t0 + 3], offsets[t0 + 4]),
                                  into: dw + o0 * taps + t0, rowStride: taps)
                }
            }
        }
    }

    /// Two output channels from `channel` × five taps, summed over every job of every image, stored at
    /// dw[r·rowStride + k] for channel r and tap k of the block. Ten accumulators, two gradient vectors and one
    /// input vector at a time fit AVX2's sixteen registers (a 4 × 3 block spilled two accumulators to the stack);
    /// five taps are one kernel row of the 5×5 kernels, so 25 and 250 taps split without a remainder.
    @usableFromInline
    func gradientBlock(_ inputs: [UnsafePointer<Float>], _ grads: [UnsafePointer<Float>], channel: Int,
                       taps f: (Int, Int, Int, Int, Int), into dw: UnsafeMutablePointer<Float>, rowStride: Int) {
        let plane = outHeight * rowPitch, vectors = self.vectors, outHeight = self.outHeight
        let paddedWidth = self.paddedWidth, rowPitch = self.rowPitch
        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>(), a4 = SIMD8<Float>()
        var b0 = SIMD8<Float>(), b1 = SIMD8<Float>(), b2 = SIMD8<Float>(), b3 = SIMD8<Float>(), b4 = SIMD8<Float>()
        for n in 0..<inputs.count {
            let x = inputs[n], g = grads[n] + channel * plane
            for i in 0..<outHeight {
                var xi = x + i * paddedWidth, gi = g + i * rowPitch
                for _ in 0..<vectors {
                    let g0 = Self.load(gi), g1 = Self.load(gi + plane)
                    let x0 = Self.load(xi + f.0)
                    a0 = a0.addingProduct(g0, x0); b0 = b0.addingProduct(g1, x0)
                    let x1 = Self.load(xi + f.1)
                    a1 = a1.addingProduct(g0, x1); b1 = b1.addingProduct(g1, x1)
                    let x2 = Self.load(xi + f.2)
                    a2 = a2.addingProduct(g0, x2); b2 = b2.addingProduct(g1, x2)
                    let x3 = Self.load(xi + f.3)
                    a3 = a3.addingProduct(g0, x3); b3 = b3.addingProduct(g1, x3)
                    let x4 = Self.load(xi + f.4)
                    a4 = a4.addingProduct(g0, x4); b4 = b4.addingProduct(g1, x4)
                    xi += 8
                    gi += 8
                }
            }
        }
        dw[0] = a0.sum(); dw[1] = a1.sum(); dw[2] = a2.sum(); dw[3] = a3.sum(); dw[4] = a4.sum()
        dw[rowStride] = b0.sum(); dw[rowStride + 1] = b1.sum(); dw[rowStride + 2] = b2.sum()
        dw[rowStride + 3] = b3.sum(); dw[rowStride + 4] = b4.sum()
    }

    /// Taps rounded up to a multiple of 8, the input-gradient kernel's block.
    @usableFromInline var paddedTaps: Int { (taps + 7) / 8 * 8 }

    /// The order the input-gradient kernel visits the taps in: (kh, kw, c), channel fastest. Eight taps in a row
    /// then touch eight different channel planes (when C ≥ 8), so the kernel's eight read-add-writes of dx never
    /// overlap; in the (c, kh, kw) order neighbouring taps' windows overlap by 7 floats, and each load waited for
    /// the store before it (measured: two thirds of the kernel's time, on its stores).
    @usableFromInline
    var inputGradientOrder: [Int] {
        var order: [Int] = []
        order.reserveCapacity(taps)
        for kh in 0..<kernelHeight {
            for kw in 0..<kernelWidth {
                for c in 0..<channels { order.append((c * kernelHeight + kh) * kernelWidth + kw) }
            }
        }
        return order
    }

    /// Weights [O, taps] with each row's taps in `order`, zero-padded to `paddedTaps` (padding taps add zeros).
    @usableFromInline
    func paddedRows(_ w: UnsafePointer<Float>, order: [Int]) -> [Float] {
        let taps = self.taps, width = paddedTaps
        var rows = [Float](repeating: 0, count: outChannels * width)
        for o in 0..<outChannels { for (k, t) in order.enumerated() { rows[o * width + k] = w[o * taps + t] } }
        return rows
    }

    /// dx += ∂L/∂x of one image, in the padded layout [C, paddedHeight, paddedWidth]: for each job and each tap,
    /// Σ_o w[o, tap]·∂L/∂y[o, job] added where that tap read the input. Eight taps × one job in eight
    /// accumulators, summed over the output channels, then added into dx. `gy` is in `gradientRows` form (zero
    /// lanes past OW, so they add zeros); `rows` from `paddedRows`; `tapOffsets` the taps' `offsets` in the same
    /// order, padded with zeros.
    @usableFromInline
    func inputGradient(_ gy: UnsafePointer<Float>, rows w: UnsafePointer<Float>, tapOffsets: UnsafePointer<Int>,
                       into dx: UnsafeMutablePointer<Float>) {
        let plane = outHeight * rowPitch, width = paddedTaps, outChannels = self.outChannels
        var t = 0
        while t < width {
            for i in 0..<outHeight {
                for v in 0..<vectors {
                    var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
                    var a4 = SIMD8<Float>(), a5 = SIMD8<Float>(), a6 = SIMD8<Float>(), a7 = SIMD8<Float>()
                    var g = gy + i * rowPitch + 8 * v, wt = w + t
                    for _ in 0..<outChannels {
                        let u = Self.load(g)
                        a0 = a0.addingProduct(u, Self.splat(wt[0])); a1 = a1.addingProduct(u, Self.splat(wt[1]))
                        a2 = a2.addingProduct(u, Self.splat(wt[2])); a3 = a3.addingProduct(u, Self.splat(wt[3]))
                        a4 = a4.addingProduct(u, Self.splat(wt[4])); a5 = a5.addingProduct(u, Self.splat(wt[5]))
                        a6 = a6.addingProduct(u, Self.splat(wt[6])); a7 = a7.addingProduct(u, Self.splat(wt[7]))
                        g += plane
                        wt += width
                    }
                    let base = dx + i * paddedWidth + 8 * v, o = tapOffsets + t
                    Self.add(a0, base + o[0]); Self.add(a1, base + o[1]); Self.add(a2, base + o[2])
                    Self.add(a3, base + o[3]); Self.add(a4, base + o[4]); Self.add(a5, base + o[5])
                    Self.add(a6, base + o[6]); Self.add(a7, base + o[7])
                }
            }
            t += 8
        }
    }

    @inline(__always) @usableFromInline
    static func add(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) { store(load(p) + v, p) }

    /// Forward weights [O, C, KH, KW] to the forward kernel's tap-major [taps, O].
    @usableFromInline
    func tapMajor(_ w: UnsafePointer<Float>) -> [Float] {
        let taps = self.taps
        return [Float](unsafeUninitializedCapacity: taps * outChannels) { buffer, count in
            for o in 0..<outChannels { for t in 0..<taps { buffer[t * outChannels + o] = w[o * taps + t] } }
            count = taps * outChannels
        }
    }
}
