extension DirectConv {
    /// Images per chunk of the weight and bias gradients: at most 8 (so a batch of 64 splits evenly over 2, 4 or 8
    /// workers), fewer when one chunk's padded inputs and gradient rows would pass 64 Ki floats. Depends on the
    /// shape only, so the chunk-by-chunk sums do not depend on the thread count.
    @usableFromInline
    func chunkImages(batch: Int) -> Int {
        let perImage = Swift.max(1, paddedImage + scratchOutput)
        return Swift.max(1, Swift.min(batch, 8, 65_536 / perImage))
    }

    /// y [N, O, OH, OW] from x [N, C, H, W], weights [O, C, KH, KW] and an optional bias [O]; images are spread
    /// over `Parallel` workers (each image's output is its own, so the split changes no bits).
    @usableFromInline
    func forward(batch: Int, _ x: UnsafePointer<Float>, weights w: UnsafePointer<Float>,
                 bias: UnsafePointer<Float>?, into y: UnsafeMutablePointer<Float>) {
        let tapMajor = tapMajor(w)
        let imageSize = channels * height * width, outSize = outChannels * outHeight * outWidth
        let perWorker = paddedImage + scratchOutput, workers = Parallel.workers(batch)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, workers * perWorker))
        defer { scratch.deallocate() }
        tapMajor.withUnsafeBufferPointer { weights in
            Parallel.forEachChunk(batch, workers: workers) { range, worker in
                for n in range {
                    forward(x + n * imageSize, weights: weights.baseAddress!, bias: bias, into: y + n * outSize,
                            scratch: scratch + worker * perWorker)
                }
            }
        }
    }

    /// Adds ∂L/∂w, ∂L/∂b and ∂L/∂x (each only where its pointer is given) for ∂L/∂y `gy` [N, O, OH, OW].
    ///
    /// ∂L/∂w and ∂L/∂b: one partial sum per chunk of `chunkImages` images, added in chunk order. ∂L/∂x: image by
    /// image (`inputGradient`), in place or through a padded copy whose padding is dropped.
    @usableFromInline
    func backward(batch: Int, _ x: UnsafePointer<Float>, weights w: UnsafePointer<Float>, _ gy: UnsafePointer<Float>,
                  weightGrad gw: UnsafeMutablePointer<Float>?, biasGrad gb: UnsafeMutablePointer<Float>?,
                  inputGrad gx: UnsafeMutablePointer<Float>?) {
        let group = chunkImages(batch: batch), chunks = (batch + group - 1) / group, taps = self.taps
        let imageSize = channels * height * width, outSize = outChannels * outHeight * outWidth
        let perImage = paddedImage + scratchOutput
        let order = gx == nil ? [] : inputGradientOrder
        let weightRows = gx == nil ? [] : paddedRows(w, order: order)
        let tapOffsets = order.map { offsets[$0] } + [Int](repeating: 0, count: paddedTaps - taps)
        let gradientScratch = gw == nil ? 0 : group * perImage
        let inputScratch = gx == nil ? 0 : paddedImage + scratchOutput
        let perWorker = gradientScratch + inputScratch, workers = Parallel.workers(chunks)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, workers * perWorker))
        let partialW = UnsafeMutablePointer<Float>.allocate(capacity: gw == nil ? 1 : chunks * outChannels * taps)
        let partialB = UnsafeMutablePointer<Float>.allocate(capacity: gb == nil ? 1 : chunks * outChannels)
        defer { scratch.deallocate(); partialW.deallocate(); partialB.deallocate() }
        weightRows.withUnsafeBufferPointer { weightRows in tapOffsets.withUnsafeBufferPointer { tapOffsets in
            Parallel.forEachChunk(chunks, workers: workers) { range, worker in
                let mine = scratch + worker * perWorker
                for chunk in range {
                    let images = (chunk * group)..<Swift.min(batch, (chunk + 1) * group)
                    if gb != nil {
                        for o in 0..<outChannels {
                            var total: Float = 0
                            for n in images {
                                total += Self.sum(gy + n * outSize + o * outHeight * outWidth,
                                                  count: outHeight * outWidth)
                            }
                            partialB[chunk * outChannels + o] = total
                        }
                    }
                    var inputs: [UnsafePointer<Float>] = [], grads: [UnsafePointer<Float>] = []
                    if gw != nil {
                        for (i, n) in images.enumerated() {
                            let slot = mine + i * perImage
                            inputs.append(prepared(x + n * imageSize, scratch: slot))
                            grads.append(gradientRows(gy + n * outSize, scratch: slot + paddedImage))
                        }
                        weightGradient(inputs: inputs, grads: grads, into: partialW + chunk * outChannels * taps)
                    }
                    if let gx {
                        // In place when the padded layout is the image's own; else in a zeroed padded copy.
                        let padded = mine + gradientScratch
                        let rows = grads.isEmpty ? mine + gradientScratch + paddedImage : nil
                        for (i, n) in images.enumerated() {
                            let g = grads.isEmpty ? gradientRows(gy + n * outSize, scratch: rows!)
                                                  : grads[i]
                            let dst = gx + n * imageSize
                            if !copiesInput {
                                inputGradient(g, rows: weightRows.baseAddress!, tapOffsets: tapOffsets.baseAddress!,
                                              into: dst)
                                continue
                            }
                            padded.update(repeating: 0, count: paddedImage)
                            inputGradient(g, rows: weightRows.baseAddress!, tapOffsets: tapOffsets.baseAddress!,
                                          into: padded)
                            for c in 0..<channels {
                                for r in 0..<height {
                                    let from = padded + (c * paddedHeight + r + padTop) * paddedWidth + padLeft
                                    let to = dst + (c * height + r) * width
                                    for k in 0..<width { to[k] += from[k] }
                                }
                            }
                        }
                    }
                }
            }
        } }
        if let gw { Parallel.addSlots(partialW, slots: chunks, size: outChannels * taps, into: gw) }
        if let gb { Parallel.addSlots(partialB, slots: chunks, size: outChannels, into: gb) }
    }

    /// Σ p[0..<count] in eight lanes, then across them (a serial sum waits on each add's latency).
    @usableFromInline
    static func sum(_ p: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD8<Float>(), i = 0
        while i + 8 <= count { lanes += load(p + i); i += 8 }
        var total = lanes.sum()
        while i < count { total += p[i]; i += 1 }
        return total
    }
}

