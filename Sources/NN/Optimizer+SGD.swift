import TensorGrad

/// Stochastic gradient descent as `torch.optim.SGD` documents it (dampening 0):
/// g ← ∇ + λ·p; with momentum μ: b ← g on the first step, else b ← μ·b + g; then g ← g + μ·b (Nesterov) or
/// g ← b; finally p ← p − lr·g.
public final class SGD: Optimizer {
    /// The parameters updated.
    public let parameters: [(name: String, tensor: Tensor<Float>)]
    /// Learning rate.
    public var learningRate: Float
    /// Momentum μ (0: plain SGD), Nesterov switch, L2 weight decay λ added to the gradient.
    public let momentum: Float, nesterov: Bool, weightDecay: Float
    /// Completed steps.
    public private(set) var stepCount = 0
    var slots: OptimizerSlots

    /// An SGD optimizer.
    public init(_ parameters: [(name: String, tensor: Tensor<Float>)], learningRate: Float, momentum: Float = 0,
                nesterov: Bool = false, weightDecay: Float = 0) {
        precondition(!nesterov || momentum > 0, "SGD: Nesterov momentum needs momentum > 0")
        self.parameters = parameters
        (self.learningRate, self.momentum, self.nesterov, self.weightDecay) = (learningRate, momentum, nesterov,
                                                                                weightDecay)
        slots = OptimizerSlots(names: momentum > 0 ? ["momentum_buffer"] : [], sizes: parameters.map(\.tensor.count))
    }

    /// One SGD step.
    public func step() {
        let lr = learningRate, mu = momentum, wd = weightDecay, first = stepCount == 0, nesterov = self.nesterov
        forEachGradient { i, p, grad, n in
            if mu == 0 {
                for j in 0..<n { p[j] -= lr * (grad[j] + wd * p[j]) }
                return
            }
            slots.values[0][i].withUnsafeMutableBufferPointer { b in
                for j in 0..<n {
                    let g = grad[j] + wd * p[j]
                    b[j] = first ? g : mu * b[j] + g
                    p[j] -= lr * (nesterov ? g + mu * b[j] : b[j])
                }
            }
        }
        stepCount += 1
    }

    /// `"<parameter>.momentum_buffer"` when momentum is on.
    public func exportState() -> [NamedArray] { slots.export(parameters: parameters) }

    /// Restores the momentum buffers.
    public func importState(_ state: [NamedArray], stepCount: Int) throws {
        try slots.load(state, parameters: parameters)
        self.stepCount = stepCount
    }
}
