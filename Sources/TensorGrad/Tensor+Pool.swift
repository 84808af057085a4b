extension Tensor {
    /// Max over each kernel×kernel window (stride defaults to kernel, no padding) of [N, C, H, W].
    /// ∂/∂x = 1 at the window's maximum (its index is kept from forward), 0 elsewhere. Planes are split across
    /// `Parallel` workers (each plane's gradient lands in its own plane, so backward needs no reduction).
    @inlinable
    public func maxPool2d(kernel: Int, stride: Int? = nil) -> Tensor {
        let s = stride ?? kernel
        let geo = Conv2DGeometry(input: shape, kernelHeight: kernel, kernelWidth: kernel, stride: s, padding: 0,
                                 op: "maxPool2d")
        let oh = geo.outHeight, ow = geo.outWidth, h = geo.height, w = geo.width
        let planes = geo.batch * geo.channels
        let target: Shape = [geo.batch, geo.channels, oh, ow]
        let out = TensorStorage<Scalar>(uninitializedCount: target.count)
        let argmax = IndexBuffer(count: target.count)  // index within the input plane
        let px = storage.base, po = out.base, arg = argmax.base
        Parallel.forEachChunk(planes, workers: Parallel.workers(planes / 8)) { chunk, _ in
            if Scalar.self == Float.self, kernel == 2, s == 2, KernelChoice.simdWhereItFits {
                PoolKernels.maxPool2x2(UnsafeRawPointer(px).assumingMemoryBound(to: Float.self), planes: chunk,
                                       height: h, width: w,
                                       into: UnsafeMutableRawPointer(po).assumingMemoryBound(to: Float.self),
                                       argmax: arg)
                return
            }
            for plane in chunk {
                let src = px + plane * h * w, base = plane * oh * ow
                for i in 0..<oh {
                    for j in 0..<ow {
                        let corner = i * s * w + j * s
                        var best = src[corner], bestIndex = corner
                        if kernel == 2 {
                            // The common 2×2 window unrolled; same first-maximum-wins order as the general loop.
                            if src[corner + 1] > best { best = src[corner + 1]; bestIndex = corner + 1 }
                            if src[corner + w] > best { best = src[corner + w]; bestIndex = corner + w }
                            if src[corner + w + 1] > best { best = src[corner + w + 1]; bestIndex = corner + w + 1 }
                        } else {
                            for di in 0..<kernel {
                                let row = corner + di * w
                                for dj in 0..<kernel where src[row + dj] > best {
                                    best = src[row + dj]
                                    bestIndex = row + dj
                                }
                            }
                        }
                        po[base + i * ow + j] = best
                        arg[base + i * ow + j] = Int32(bestIndex)
                    }
                }
            }
        }
        return Tensor.result(target, out, op: .maxPool2d, inputs: [self],
                             detail: "\(kernel)×\(kernel) stride \(s)") { out in
            let g = out.grad!.storage.base, gx = out.inputs[0].gradBuffer(), arg = argmax.base
            let perPlane = oh * ow
            Parallel.forEachChunk(planes, workers: Parallel.workers(planes / 8)) { chunk, _ in
                for plane in chunk {
                    let dst = gx + plane * h * w, base = plane * perPlane
                    for o in base..<(base + perPlane) { dst[Int(arg[o])] += g[o] }
                }
            }
        }
    }

    /// Mean over each kernel×kernel window (stride defaults to kernel, no padding) of [N, C, H, W].
    /// ∂/∂x = 1/kernel² for every element of each window it belongs to.
    @inlinable
    public func avgPool2d(kernel: Int, stride: Int? = nil) -> Tensor {
        let s = stride ?? kernel
        let geo = Conv2DGeometry(input: shape, kernelHeight: kernel, kernelWidth: kernel, stride: s, padding: 0,
                                 op: "avgPool2d")
        let oh = geo.outHeight, ow = geo.outWidth, h = geo.height, w = geo.width
        let planes = geo.batch * geo.channels
        let scale = 1 / Scalar(kernel * kernel)
        let target: Shape = [geo.batch, geo.channels, oh, ow]
        let out = TensorStorage<Scalar>(uninitializedCount: target.count)
        let px = storage.base, po = out.base
        for plane in 0..<planes {
            let src = px + plane * h * w, dst = po + plane * oh * ow
            for i in 0..<oh {
                for j in 0..<ow {
                    var sum: Scalar = 0
                    for di in 0..<kernel {
                        let row = (i * s + di) * w + j * s
                        for dj in 0..<kernel { sum += src[row + dj] }
                    }
                    dst[i * ow + j] = sum * scale
                }
            }
        }
        return Tensor.result(target, out, op: .avgPool2d, inputs: [self],
                             detail: "\(kernel)×\(kernel) stride \(s)") { out in
            let g = out.grad!.storage.base, gx = out.inputs[0].gradBuffer()
            for plane in 0..<planes {
                let src = g + plane * oh * ow, dst = gx + plane * h * w
                for i in 0..<oh {
                    for j in 0..<ow {
                        let v = src[i * ow + j] * scale
                        for di in 0..<kernel {
                            let row = (i * s + di) * w + j * s
                            for dj in 0..<kernel { dst[row + dj] += v }
                        }
                    }
                }
            }
        }
    }
}

/// Int32 indices owned by a class, so a backward closure can keep them without copying an array.
@usableFromInline
final class IndexBuffer {
    @usableFromInline let base: UnsafeMutablePointer<Int32>

    @inlinable
    init(count: Int) { base = .allocate(capacity: Swift.max(count, 1)) }

    deinit { base.deallocate() }
}
