extension Tensor {
    /// Zeroes each element with probability `p` and scales survivors by 1/(1 − p) when `training`;
    /// the identity otherwise. The mask comes from `generator`, so a seed fixes it.
    /// ∂/∂x = mask (0 or 1/(1 − p)).
    @inlinable
    public func dropout<G: RandomNumberGenerator>(probability p: Scalar, training: Bool,
                                                  using generator: inout G) -> Tensor {
        masked(p, training: training, groups: count, groupSize: 1, op: .dropout, using: &generator)
    }

    /// Zeroes whole channels (axis 1 of [N, C, …]) with probability `p`, scaling survivors by 1/(1 − p),
    /// when `training`; the identity otherwise. ∂/∂x = the channel's mask value.
    @inlinable
    public func dropout2d<G: RandomNumberGenerator>(probability p: Scalar, training: Bool,
                                                    using generator: inout G) -> Tensor {
        precondition(shape.rank >= 3, TensorError.invalidShape(op: "dropout2d", shape: shape,
                                                               expected: "[N, C, H, W] or [N, C, L]").description)
        let groups = shape[0] * shape[1]
        return masked(p, training: training, groups: groups, groupSize: count / Swift.max(groups, 1),
                      op: .dropout2d, using: &generator)
    }

    /// Multiplies runs of `groupSize` elements by one random keep/drop decision each.
    @inlinable
    func masked<G: RandomNumberGenerator>(_ p: Scalar, training: Bool, groups: Int, groupSize: Int,
                                          op: TensorOp, using generator: inout G) -> Tensor {
        precondition(p >= 0 && p < 1, "\(op.rawValue): probability \(p) must be in [0, 1)")
        guard training && p > 0 else { return self }
        let keep = 1 / (1 - p)
        // 24 random bits per decision: enough resolution for any practical p, cheap to draw.
        let threshold = UInt64((Double(p) * 16_777_216).rounded())
        var mask = [Scalar](repeating: 0, count: groups)
        for i in 0..<groups where generator.next() >> 40 >= threshold { mask[i] = keep }
        let n = count
        let out = TensorStorage<Scalar>(uninitializedCount: n)
        let px = storage.base, po = out.base
        mask.withUnsafeBufferPointer { m in
            for gi in 0..<groups {
                let v = m[gi], start = gi * groupSize
                for j in start..<(start + groupSize) { po[j] = px[j] * v }
            }
        }
        return Tensor.result(shape, out, op: op, inputs: [self], detail: "p \(p)") { out in
            let g = out.grad!.storage.base, gx = out.inputs[0].gradBuffer()
            for gi in 0..<groups {
                let v = mask[gi], start = gi * groupSize
                for j in start..<(start + groupSize) { gx[j] += g[j] * v }
            }
        }
    }
}
