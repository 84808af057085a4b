// Reductions along axes. The reduced shape is read through strides that are 0 along the reduced axes,
// so one walk over the input serves forward (accumulate) and backward (spread back).

extension Tensor {
    /// Normalised, sorted, distinct axes; all axes when `axes` is nil.
    @inlinable
    func reductionAxes(_ axes: [Int]?, op: TensorOp) -> [Int] {
        guard let axes else { return Array(0..<shape.rank) }
        return Array(Set(axes.map { shape.normalizedAxis($0, op: op.rawValue) })).sorted()
    }

    /// Shape with reduced axes set to 1 (`keep`) and the final shape (reduced axes dropped unless `keep`).
    @inlinable
    func reducedShapes(_ axes: [Int], keep: Bool) -> (kept: Shape, final: Shape) {
        var kept = shape.dims
        for a in axes { kept[a] = 1 }
        let final = keep ? kept : shape.dims.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
        return (Shape(kept), Shape(final))
    }

    /// Σ x · scale over `axes`, shared by `sum` and `mean`. ∂/∂xᵢ = scale.
    @inlinable
    func scaledSum(_ axes: [Int]?, keep: Bool, op: TensorOp, mean: Bool) -> Tensor {
        let axes = reductionAxes(axes, op: op)
        let (kept, final) = reducedShapes(axes, keep: keep)
        let reduced = axes.reduce(1) { $0 * shape.dims[$1] }
        let scale: Scalar = mean ? 1 / Scalar(Swift.max(reduced, 1)) : 1
        let dense = shape.strides, toOut = kept.broadcastStrides(to: shape)
        let out = TensorStorage<Scalar>(count: final.count, repeating: 0)
        let px = storage.base, po = out.base
        let inputShape = shape
        forEachBroadcast(inputShape, dense, toOut) { _, i, o in po[o] += px[i] }
        if mean { for o in 0..<final.count { po[o] *= scale } }
        return Tensor.result(final, out, op: op, inputs: [self], detail: "axes \(axes)") { out in
            let g = out.grad!.storage.base, gx = out.inputs[0].gradBuffer()
            forEachBroadcast(inputShape, dense, toOut) { _, i, o in gx[i] += g[o] * scale }
        }
    }

    /// Sum over `axes` (all when nil), keeping them as size 1 when `keepingDimensions`. ∂/∂xᵢ = 1.
    @inlinable
    public func sum(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        scaledSum(axes, keep: keepingDimensions, op: .sum, mean: false)
    }

    /// Mean over `axes` (all when nil). ∂/∂xᵢ = 1/n, n the number of elements averaged.
    @inlinable
    public func mean(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        scaledSum(axes, keep: keepingDimensions, op: .mean, mean: true)
    }

    /// Maximum over `axes` (all when nil); the first maximal element wins ties. ∂/∂xᵢ = 1 for the element
    /// that was chosen, 0 elsewhere (its index is kept for backward).
    @inlinable
    public func max(alongAxes axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        let axes = reductionAxes(axes, op: .max)
        let (kept, final) = reducedShapes(axes, keep: keepingDimensions)
        precondition(count > 0, "max: tensor of shape \(shape) is empty")
        let dense = shape.strides, toOut = kept.broadcastStrides(to: shape)
        let out = TensorStorage<Scalar>(count: final.count, repeating: -.infinity)
        var argmax = [Int](repeating: -1, count: final.count)
        let px = storage.base, po = out.base
        argmax.withUnsafeMutableBufferPointer { arg in
            forEachBroadcast(shape, dense, toOut) { _, i, o in
                if arg[o] < 0 || px[i] > po[o] {
                    po[o] = px[i]
                    arg[o] = i
                }
            }
        }
        return Tensor.result(final, out, op: .max, inputs: [self], detail: "axes \(axes)") { out in
            let g = out.grad!.storage.base, gx = out.inputs[0].gradBuffer()
            for o in 0..<argmax.count { gx[argmax[o]] += g[o] }
        }
    }
}

extension Tensor where Scalar == Float {
    /// The Euclidean norm of all elements of `tensors` together, accumulated in Double (a missing tensor counts
    /// as zero): the gradient norm the health and backprop-flow figures show.
    public static func jointNorm(_ tensors: [Tensor<Float>?]) -> Double {
        var sum = 0.0
        for t in tensors {
            guard let t else { continue }
            t.withUnsafeBufferPointer { values in for v in values { sum += Double(v) * Double(v) } }
        }
        return sum.squareRoot()
    }
}
