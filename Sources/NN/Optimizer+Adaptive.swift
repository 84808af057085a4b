import TensorGrad

/// Adagrad as `torch.optim.Adagrad` documents it: g ← ∇ + λ·p; s ← s + g²; p ← p − lr̃·g/(√s + ε) with
/// lr̃ = lr/(1 + (t − 1)·lr decay).
public final class Adagrad: Optimizer {
    /// The parameters updated.
    public let parameters: [(name: String, tensor: Tensor<Float>)]
    /// Learning rate.
    public var learningRate: Float
    /// Learning-rate decay, L2 weight decay λ, ε (PyTorch's default 1e-10).
    public let learningRateDecay: Float, weightDecay: Float, epsilon: Float
    /// Completed steps.
    public private(set) var stepCount = 0
    var slots: OptimizerSlots

    /// An Adagrad optimizer; the sums start at `initialAccumulator`.
    public init(_ parameters: [(name: String, tensor: Tensor<Float>)], learningRate: Float = 0.01,
                learningRateDecay: Float = 0, weightDecay: Float = 0, initialAccumulator: Float = 0,
                epsilon: Float = 1e-10) {
        self.parameters = parameters
        (self.learningRate, self.learningRateDecay, self.weightDecay, self.epsilon) =
            (learningRate, learningRateDecay, weightDecay, epsilon)
        slots = OptimizerSlots(names: ["sum"], sizes: parameters.map(\.tensor.count), initialValue: initialAccumulator)
    }

    /// One Adagrad step.
    public func step() {
        stepCount += 1
        let lr = learningRate / (1 + Float(stepCount - 1) * learningRateDecay), wd = weightDecay, eps = epsilon
        forEachGradient { i, p, grad, n in
            slots.values[0][i].withUnsafeMutableBufferPointer { s in
                for j in 0..<n {
                    let g = grad[j] + wd * p[j]
                    s[j] += g * g
                    p[j] -= lr * g / (s[j].squareRoot() + eps)
                }
            }
        }
    }

    /// `"<parameter>.sum"`.
    public func exportState() -> [NamedArray] { slots.export(parameters: parameters) }

    /// Restores the sums.
    public func importState(_ state: [NamedArray], stepCount: Int) throws {
        try slots.load(state, parameters: parameters)
        self.stepCount = stepCount
    }
}

/// RMSProp as `torch.optim.RMSprop` documents it (not centred): g ← ∇ + λ·p; v ← α·v + (1 − α)·g²; with
/// momentum μ > 0: b ← μ·b + g/(√v + ε), p ← p − lr·b; else p ← p − lr·g/(√v + ε).
public final class RMSProp: Optimizer {
    /// The parameters updated.
    public let parameters: [(name: String, tensor: Tensor<Float>)]
    /// Learning rate.
    public var learningRate: Float
    /// Smoothing α (0.99), momentum μ, L2 weight decay λ, ε (1e-8) — PyTorch's defaults.
    public let alpha: Float, momentum: Float, weightDecay: Float, epsilon: Float
    /// Completed steps.
    public private(set) var stepCount = 0
    var slots: OptimizerSlots

    /// An RMSProp optimizer.
    public init(_ parameters: [(name: String, tensor: Tensor<Float>)], learningRate: Float = 0.01,
                alpha: Float = 0.99, momentum: Float = 0, weightDecay: Float = 0, epsilon: Float = 1e-8) {
        self.parameters = parameters
        (self.learningRate, self.alpha, self.momentum, self.weightDecay, self.epsilon) =
            (learningRate, alpha, momentum, weightDecay, epsilon)
        slots = OptimizerSlots(names: momentum > 0 ? ["square_avg", "momentum_buffer"] : ["square_avg"],
                               sizes: parameters.map(\.tensor.count))
    }

    /// One RMSProp step.
    public func step() {
        let lr = learningRate, a = alpha, mu = momentum, wd = weightDecay, eps = epsilon
        forEachGradient { i, p, grad, n in
            slots.values[0][i].withUnsafeMutableBufferPointer { v in
                for j in 0..<n {
                    let g = grad[j] + wd * p[j]
                    v[j] = a * v[j] + (1 - a) * g * g
                    if mu == 0 { p[j] -= lr * g / (v[j].squareRoot() + eps) }
                }
            }
            guard mu > 0 else { return }
            let v = slots.values[0][i]
            slots.values[1][i].withUnsafeMutableBufferPointer { b in
                for j in 0..<n {
                    let g = grad[j] + wd * p[j]
                    b[j] = mu * b[j] + g / (v[j].squareRoot() + eps)
                    p[j] -= lr * b[j]
                }
            }
        }
        stepCount += 1
    }

    /// `"<parameter>.square_avg"` (and `.momentum_buffer`).
    public func exportState() -> [NamedArray] { slots.export(parameters: parameters) }

    /// Restores the averages.
    public func importState(_ state: [NamedArray], stepCount: Int) throws {
        try slots.load(state, parameters: parameters)
        self.stepCount = stepCount
    }
}
