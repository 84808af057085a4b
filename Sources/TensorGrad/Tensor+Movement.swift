// Movement ops: change how elements are arranged, never their values. Backward moves each gradient
// element back to where its value came from.

extension Tensor {
    /// Same elements under a new shape (one dimension may be −1, inferred); shares storage.
    /// ∂/∂x is the identity (the gradient is reshaped back).
    @inlinable
    public func reshape(_ dims: [Int]) -> Tensor { reshaped(dims, op: .reshape) }

    /// Flattens axes `startAxis...` into one (`[N, C, H, W]` → `[N, C·H·W]` with the default 1).
    /// ∂/∂x is the identity.
    @inlinable
    public func flatten(startAxis: Int = 1) -> Tensor {
        let start = shape.normalizedAxis(startAxis, op: "flatten")
        return reshaped(Array(shape.dims[..<start]) + [shape.dims[start...].reduce(1, *)], op: .flatten)
    }

    @inlinable
    func reshaped(_ dims: [Int], op: TensorOp) -> Tensor {
        var dims = dims
        if let free = dims.firstIndex(of: -1) {
            let known = dims.enumerated().filter { $0.offset != free }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0,
                         "\(op.rawValue): cannot infer −1 in \(dims) for \(count) elements of shape \(shape)")
            dims[free] = count / known
        }
        let target = Shape(dims)
        precondition(target.count == count,
                     TensorError.shapeMismatch(op: op.rawValue, lhs: shape, rhs: target).description)
        let n = count
        return Tensor.result(target, storage, op: op, inputs: [self], detail: "\(target)") { out in
            let g = out.grad!.storage.base, gx = out.inputs[0].gradBuffer()
            for i in 0..<n { gx[i] += g[i] }
        }
    }

    /// Reorders axes: output axis i is input axis `axes[i]`. ∂/∂x permutes the gradient back.
    @inlinable
    public func permute(_ axes: [Int]) -> Tensor { permuted(axes, op: .permute) }

    /// Swaps two axes (default: the last two). ∂/∂x swaps them back.
    @inlinable
    public func transpose(_ axis0: Int = -2, _ axis1: Int = -1) -> Tensor {
        var axes = Array(0..<shape.rank)
        axes.swapAt(shape.normalizedAxis(axis0, op: "transpose"), shape.normalizedAxis(axis1, op: "transpose"))
        return permuted(axes, op: .transpose)
    }

    @inlinable
    func permuted(_ axes: [Int], op: TensorOp) -> Tensor {
        precondition(axes.sorted() == Array(0..<shape.rank),
                     "\(op.rawValue): \(axes) is not a permutation of the axes of shape \(shape)")
        let target = Shape(axes.map { shape.dims[$0] })
        let own = shape.strides
        let read = axes.map { own[$0] }, dense = target.strides
        let out = TensorStorage<Scalar>(uninitializedCount: count)
        let px = storage.base, po = out.base
        forEachBroadcast(target, read, dense) { o, i, _ in po[o] = px[i] }
        return Tensor.result(target, out, op: op, inputs: [self], detail: "\(axes)") { out in
            let g = out.grad!.storage.base, gx = out.inputs[0].gradBuffer()
            forEachBroadcast(target, read, dense) { o, i, _ in gx[i] += g[o] }
        }
    }

    /// Repeats the tensor along broadcast axes to `target` (NumPy rules). ∂/∂x sums over those axes.
    @inlinable
    public func broadcast(to target: Shape) -> Tensor {
        let ok = (try? Shape.broadcast(shape, target, op: "broadcast")) == target
        precondition(ok, TensorError.shapeMismatch(op: "broadcast", lhs: shape, rhs: target).description)
        let read = shape.broadcastStrides(to: target), dense = target.strides
        let out = TensorStorage<Scalar>(uninitializedCount: target.count)
        let px = storage.base, po = out.base
        forEachBroadcast(target, read, dense) { o, i, _ in po[o] = px[i] }
        return Tensor.result(target, out, op: .broadcast, inputs: [self], detail: "to \(target)") { out in
            let g = out.grad!.storage.base, gx = out.inputs[0].gradBuffer()
            forEachBroadcast(target, read, dense) { o, i, _ in gx[i] += g[o] }
        }
    }

    /// The elements with index in `range` along `axis`. ∂/∂x puts the gradient back in that range (0 elsewhere).
    @inlinable
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let a = shape.normalizedAxis(axis, op: "slice")
        let length = shape.dims[a]
        precondition(range.lowerBound >= 0 && range.upperBound <= length,
                     "slice: range \(range) out of bounds for axis \(a) of shape \(shape)")
        var dims = shape.dims
        dims[a] = range.count
        let target = Shape(dims)
        let outer = shape.dims[..<a].reduce(1, *), inner = shape.dims[(a + 1)...].reduce(1, *)
        let block = range.count * inner, start = range.lowerBound * inner
        let out = TensorStorage<Scalar>(uninitializedCount: target.count)
        let px = storage.base, po = out.base
        for o in 0..<outer { (po + o * block).update(from: px + o * length * inner + start, count: block) }
        return Tensor.result(target, out, op: .slice, inputs: [self], detail: "axis \(a) \(range)") { out in
            let g = out.grad!.storage.base, gx = out.inputs[0].gradBuffer()
            for o in 0..<outer {
                let src = g + o * block, dst = gx + o * length * inner + start
                for j in 0..<block { dst[j] += src[j] }
            }
        }
    }

    /// Joins tensors along `axis`; all other dimensions must match. ∂/∂xₖ is the k-th slice of the gradient.
    @inlinable
    public static func concat(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "concat: no tensors")
        let first = tensors[0]
        let a = first.shape.normalizedAxis(axis, op: "concat")
        for t in tensors {
            var l = t.shape.dims, r = first.shape.dims
            if l.count == r.count { l[a] = 0; r[a] = 0 }
            precondition(l == r, TensorError.shapeMismatch(op: "concat", lhs: first.shape, rhs: t.shape).description)
        }
        var dims = first.shape.dims
        dims[a] = tensors.reduce(0) { $0 + $1.shape.dims[a] }
        let target = Shape(dims)
        let outer = dims[..<a].reduce(1, *), inner = dims[(a + 1)...].reduce(1, *)
        let outBlock = dims[a] * inner
        let blocks = tensors.map { $0.shape.dims[a] * inner }
        var offsets: [Int] = []
        var acc = 0
        for b in blocks { offsets.append(acc); acc += b }
        let out = TensorStorage<Scalar>(uninitializedCount: target.count)
        let po = out.base
        for (k, t) in tensors.enumerated() {
            for o in 0..<outer {
                (po + o * outBlock + offsets[k]).update(from: t.storage.base + o * blocks[k], count: blocks[k])
            }
        }
        return result(target, out, op: .concat, inputs: tensors, detail: "axis \(a)") { out in
            let g = out.grad!.storage.base
            for (k, t) in out.inputs.enumerated() where t.requiresGrad {
                let gx = t.gradBuffer()
                for o in 0..<outer {
                    let src = g + o * outBlock + offsets[k], dst = gx + o * blocks[k]
                    for j in 0..<blocks[k] { dst[j] += src[j] }
                }
            }
        }
    }
}
