// Losses return a scalar tensor. Each is fused (one node, one pass) except cross-entropy, which is
// logSoftmax followed by NLL exactly as PyTorch defines it.

extension Tensor {
    /// The factor turning a sum of per-element losses into the reduction: 1/n for mean, 1 for sum,
    /// 1/batch for batchMean.
    @inlinable
    func reductionScale(_ reduction: LossReduction, elements: Int) -> Scalar {
        switch reduction {
        case .mean: return 1 / Scalar(Swift.max(elements, 1))
        case .sum: return 1
        case .batchMean: return 1 / Scalar(Swift.max(shape.rank > 0 ? shape[0] : 1, 1))
        }
    }

    /// A pointwise loss of `self` against `target` (same shape): forward value and both local derivatives.
    @inlinable @inline(__always)
    func pointwiseLoss(_ target: Tensor, _ op: TensorOp, _ reduction: LossReduction,
                       _ f: (_ x: Scalar, _ t: Scalar) -> Scalar,
                       dx: @escaping (_ x: Scalar, _ t: Scalar) -> Scalar,
                       dt: @escaping (_ x: Scalar, _ t: Scalar) -> Scalar) -> Tensor {
        precondition(shape == target.shape,
                     TensorError.shapeMismatch(op: op.rawValue, lhs: shape, rhs: target.shape).description)
        let n = count, scale = reductionScale(reduction, elements: n)
        let px = storage.base, pt = target.storage.base
        var total: Scalar = 0
        for i in 0..<n { total += f(px[i], pt[i]) }
        let out = TensorStorage<Scalar>(count: 1, repeating: total * scale)
        let x = self
        return Tensor.result([], out, op: op, inputs: [x, target], detail: reduction.rawValue) { out in
            let g = out.grad!.storage.base[0] * scale
            if x.requiresGrad { let gx = x.gradBuffer(); for i in 0..<n { gx[i] += g * dx(px[i], pt[i]) } }
            if target.requiresGrad { let gt = target.gradBuffer(); for i in 0..<n { gt[i] += g * dt(px[i], pt[i]) } }
        }
    }

    /// Mean (or sum) of (x − t)². ∂/∂x = 2(x − t), ∂/∂t = −2(x − t), times the reduction factor.
    @inlinable
    public func mseLoss(_ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        pointwiseLoss(target, .mseLoss, reduction, { x, t in (x - t) * (x - t) },
                      dx: { x, t in 2 * (x - t) }, dt: { x, t in 2 * (t - x) })
    }

    /// Binary cross-entropy of probabilities p against targets t: −(t·log p + (1 − t)·log(1 − p)), each log
    /// clamped at −100 as in PyTorch. ∂/∂p = (p − t)/(p(1 − p)), ∂/∂t = log(1 − p) − log p.
    @inlinable
    public func bceLoss(_ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        pointwiseLoss(target, .bceLoss, reduction, { p, t in
            -(t * Swift.max(Scalar.log(p), -100) + (1 - t) * Swift.max(Scalar.log(1 - p), -100))
        }, dx: { p, t in (p - t) / Swift.max(p * (1 - p), 1e-12) },
        dt: { p, _ in Swift.max(Scalar.log(1 - p), -100) - Swift.max(Scalar.log(p), -100) })
    }

    /// Binary cross-entropy on logits x: max(x, 0) − x·t + log(1 + e^(−|x|)) — never overflows.
    /// ∂/∂x = σ(x) − t, ∂/∂t = −x.
    @inlinable
    public func bceWithLogitsLoss(_ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        pointwiseLoss(target, .bceWithLogitsLoss, reduction, { x, t in
            Swift.max(x, 0) - x * t + Scalar.log1p(Scalar.exp(-Swift.abs(x)))
        }, dx: { x, t in
            let s = x >= 0 ? 1 / (1 + Scalar.exp(-x)) : Scalar.exp(x) / (1 + Scalar.exp(x))
            return s - t
        }, dt: { x, _ in -x })
    }

    /// PyTorch's `kl_div(input, target)`: `self` holds log-probabilities log q, `target` probabilities p;
    /// loss Σ p·(log p − log q), with 0·log 0 = 0. ∂/∂(log q) = −p, ∂/∂p = log p + 1 − log q (0 where p = 0).
    /// `.mean` averages over all elements as PyTorch does; `.batchMean` divides by the batch (the true KL).
    @inlinable
    public func klDiv(_ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        pointwiseLoss(target, .klDiv, reduction, { lq, p in p > 0 ? p * (Scalar.log(p) - lq) : 0 },
                      dx: { _, p in -p }, dt: { lq, p in p > 0 ? Scalar.log(p) + 1 - lq : 0 })
    }

    /// Throws `TensorError.classOutOfRange` unless every index is in `0..<classes` — for targets read from data.
    public static func checkClassIndices(_ targets: [Int], classes: Int, op: String = "nllLoss") throws {
        if let bad = targets.first(where: { $0 < 0 || $0 >= classes }) {
            throw TensorError.classOutOfRange(op: op, index: bad, classes: classes)
        }
    }

    /// Negative log-likelihood of class indices under log-probabilities [N, C]: −Σₙ x[n, tₙ] (÷N for mean).
    /// ∂/∂x[n, c] = −1 if c = tₙ else 0, times the reduction factor.
    @inlinable
    public func nllLoss(_ targets: [Int], reduction: LossReduction = .mean) -> Tensor {
        precondition(shape.rank == 2 && shape[0] == targets.count,
                     TensorError.invalidShape(op: "nllLoss", shape: shape,
                                              expected: "[\(targets.count), classes]").description)
        let rows = shape[0], classes = shape[1]
        precondition(targets.allSatisfy { $0 >= 0 && $0 < classes },
                     "nllLoss: class indices must be in 0..<\(classes)")
        let scale: Scalar = reduction == .sum ? 1 : 1 / Scalar(Swift.max(rows, 1))
        let px = storage.base
        var total: Scalar = 0
        for n in 0..<rows { total -= px[n * classes + targets[n]] }
        let out = TensorStorage<Scalar>(count: 1, repeating: total * scale)
        return Tensor.result([], out, op: .nllLoss, inputs: [self], detail: reduction.rawValue) { out in
            let g = out.grad!.storage.base[0] * scale, gx = out.inputs[0].gradBuffer()
            for n in 0..<rows { gx[n * classes + targets[n]] -= g }
        }
    }

    /// Cross-entropy of logits [N, C] against class indices: `logSoftmax(axis: 1)` then `nllLoss`.
    /// ∂/∂logits = (softmax − onehot) times the reduction factor, through the two ops.
    @inlinable
    public func crossEntropy(_ targets: [Int], reduction: LossReduction = .mean) -> Tensor {
        logSoftmax(axis: 1).nllLoss(targets, reduction: reduction)
    }
}
