extension Tensor {
    /// Batch normalisation over axis 1 of [N, F] (batchNorm1d) or [N, C, H, W] (batchNorm2d).
    /// `training`: normalises with the batch mean and biased variance, then updates `runningMean` and
    /// `runningVariance` in place as PyTorch does (new = (1 − momentum)·old + momentum·batch, with the
    /// unbiased variance); otherwise normalises with the running statistics. `weight` (γ) and `bias` (β),
    /// shape [C], are optional. With x̂ = (x − μ)/√(σ² + ε), y = γx̂ + β over M = N·H·W values per channel:
    /// training ∂L/∂x = γ/(M√(σ²+ε)) · (M·∂L/∂y − Σ∂L/∂y − x̂·Σ(∂L/∂y·x̂)) (fused: μ and σ² depend on x);
    /// eval ∂L/∂x = γ·∂L/∂y/√(σ²+ε); ∂L/∂γ = Σ ∂L/∂y·x̂; ∂L/∂β = Σ ∂L/∂y.
    @inlinable
    public func batchNorm(weight: Tensor?, bias: Tensor?, runningMean: Tensor, runningVariance: Tensor,
                          training: Bool, momentum: Scalar = 0.1, epsilon: Scalar = 1e-5) -> Tensor {
        let op: TensorOp = shape.rank == 2 ? .batchNorm1d : .batchNorm2d
        precondition(shape.rank == 2 || shape.rank == 4,
                     TensorError.invalidShape(op: "batchNorm", shape: shape, expected: "[N, F] or [N, C, H, W]")
                        .description)
        let batch = shape[0], channels = shape[1], inner = count / Swift.max(batch * channels, 1)
        let m = batch * inner
        for t in [weight, bias, Optional(runningMean), Optional(runningVariance)] {
            if let t {
                precondition(t.shape == [channels],
                             TensorError.shapeMismatch(op: op.rawValue, lhs: shape, rhs: t.shape).description)
            }
        }
        precondition(!training || m > 1, "\(op.rawValue): training needs more than one value per channel, got \(shape)")
        var means = [Scalar](repeating: 0, count: channels), invStd = [Scalar](repeating: 0, count: channels)
        let px = storage.base
        if training {
            let rm = runningMean.storage.base, rv = runningVariance.storage.base
            for c in 0..<channels {
                var sum: Scalar = 0
                for n in 0..<batch { let p = px + (n * channels + c) * inner; for i in 0..<inner { sum += p[i] } }
                let mu = sum / Scalar(m)
                var sq: Scalar = 0
                for n in 0..<batch {
                    let p = px + (n * channels + c) * inner
                    for i in 0..<inner { let d = p[i] - mu; sq += d * d }
                }
                let variance = sq / Scalar(m)
                means[c] = mu
                invStd[c] = 1 / (variance + epsilon).squareRoot()
                rm[c] = (1 - momentum) * rm[c] + momentum * mu
                rv[c] = (1 - momentum) * rv[c] + momentum * sq / Scalar(m - 1)
            }
        } else {
            for c in 0..<channels {
                means[c] = runningMean.storage.base[c]
                invStd[c] = 1 / (runningVariance.storage.base[c] + epsilon).squareRoot()
            }
        }
        let out = TensorStorage<Scalar>(uninitializedCount: count)
        let po = out.base
        for n in 0..<batch {
            for c in 0..<channels {
                let gamma = weight?.storage.base[c] ?? 1, beta = bias?.storage.base[c] ?? 0
                let scale = gamma * invStd[c], shift = beta - means[c] * scale
                let p = px + (n * channels + c) * inner, q = po + (n * channels + c) * inner
                for i in 0..<inner { q[i] = p[i] * scale + shift }
            }
        }
        let x = self
        let inputs = [x] + [weight, bias].compactMap { $0 }
        return Tensor.result(shape, out, op: op, inputs: inputs,
                             detail: training ? "train" : "eval") { out in
            let g = out.grad!.storage.base
            let gx = x.requiresGrad ? x.gradBuffer() : nil
            let gw = weight?.requiresGrad == true ? weight!.gradBuffer() : nil
            let gb = bias?.requiresGrad == true ? bias!.gradBuffer() : nil
            for c in 0..<channels {
                let mu = means[c], istd = invStd[c], gamma = weight?.storage.base[c] ?? 1
                var sumG: Scalar = 0, sumGXhat: Scalar = 0
                for n in 0..<batch {
                    let off = (n * channels + c) * inner
                    for i in 0..<inner {
                        sumG += g[off + i]
                        sumGXhat += g[off + i] * (px[off + i] - mu) * istd
                    }
                }
                gw?[c] += sumGXhat
                gb?[c] += sumG
                guard let gx else { continue }
                let k = gamma * istd
                for n in 0..<batch {
                    let off = (n * channels + c) * inner
                    for i in 0..<inner {
                        if training {
                            let xhat = (px[off + i] - mu) * istd
                            gx[off + i] += k * (g[off + i] - sumG / Scalar(m) - xhat * sumGXhat / Scalar(m))
                        } else {
                            gx[off + i] += k * g[off + i]
                        }
                    }
                }
            }
        }
    }
}
