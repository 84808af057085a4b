extension Tensor {
    /// Max over each kernel×kernel window (stride defaults to kernel, no padding) of [N, C, H, W].
    /// ∂/∂x = 1 at the window's maximum (its index is kept from forward), 0 elsewhere.
    @inlinable
    public func maxPool2d(kernel: Int, stride: Int? = nil) -> Tensor {
        let s = stride ?? kernel
        let geo = Conv2DGeometry(input: shape, kernelHeight: kernel, kernelWidth: kernel, stride: s, padding: 0,
                                 op: "maxPool2d")
        let oh = geo.outHeight, ow = geo.outWidth, h = geo.height, w = geo.width
        let planes = geo.batch * geo.channels
        let target: Shape = [geo.batch, geo.channels, oh, ow]
        let out = TensorStorage<Scalar>(uninitializedCount: target.count)
        var argmax = [Int32](repeating: 0, count: target.count)
        let px = storage.base, po = out.base
        argmax.withUnsafeMutableBufferPointer { arg in
            for plane in 0..<planes {
                let src = px + plane * h * w, base = plane * oh * ow
                for i in 0..<oh {
                    for j in 0..<ow {
                        var best = src[i * s * w + j * s], bestIndex = i * s * w + j * s
                        for di in 0..<kernel {
                            let row = (i * s + di) * w + j * s
                            for dj in 0..<kernel where src[row + dj] > best {
                                best = src[row + dj]
                                bestIndex = row + dj
                            }
                        }
                        po[base + i * ow + j] = best
                        arg[base + i * ow + j] = Int32(plane * h * w + bestIndex)
                    }
                }
            }
        }
        return Tensor.result(target, out, op: .maxPool2d, inputs: [self],
                             detail: "\(kernel)×\(kernel) stride \(s)") { out in
            let g = out.grad!.storage.base, gx = out.inputs[0].gradBuffer()
            for o in 0..<argmax.count { gx[Int(argmax[o])] += g[o] }
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
