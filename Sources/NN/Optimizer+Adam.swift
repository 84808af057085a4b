import TensorGrad

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Adam and AdamW as `torch.optim.Adam`/`AdamW` document them. At step t:
/// Adam: g ← ∇ + λ·p; AdamW: p ← p − lr·λ·p (decoupled) and g ← ∇. Then m ← β₁·m + (1 − β₁)·g,
/// v ← β₂·v + (1 − β₂)·g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), p ← p − lr·m̂/(√v̂ + ε).
public final class Adam: Optimizer {
    /// The parameters updated.
    public let parameters: [(name: String, tensor: Tensor<Float>)]
    /// Learning rate.
    public var learningRate: Float
    /// β₁, β₂, ε, weight decay λ.
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    /// AdamW when true: weight decay shrinks the parameters directly instead of entering the gradient.
    public let decoupled: Bool
    /// Completed steps (t after the step is t = stepCount).
    public private(set) var stepCount = 0
    var slots: OptimizerSlots

    /// Adam (or AdamW with `decoupled`); PyTorch's defaults β = (0.9, 0.999), ε = 1e-8.
    public init(_ parameters: [(name: String, tensor: Tensor<Float>)], learningRate: Float = 1e-3,
                beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0,
                decoupled: Bool = false) {
        self.parameters = parameters
        (self.learningRate, self.beta1, self.beta2, self.epsilon) = (learningRate, beta1, beta2, epsilon)
        (self.weightDecay, self.decoupled) = (weightDecay, decoupled)
        slots = OptimizerSlots(names: ["exp_avg", "exp_avg_sq"], sizes: parameters.map(\.tensor.count))
    }

    /// AdamW: decoupled weight decay (PyTorch's default λ = 0.01).
    public static func adamW(_ parameters: [(name: String, tensor: Tensor<Float>)], learningRate: Float = 1e-3,
                             weightDecay: Float = 0.01) -> Adam {
        Adam(parameters, learningRate: learningRate, weightDecay: weightDecay, decoupled: true)
    }

    /// One Adam step.
    public func step() {
        stepCount += 1
        let t = Float(stepCount), lr = learningRate, b1 = beta1, b2 = beta2, eps = epsilon
        let correction1 = 1 - powf(b1, t), correction2 = 1 - powf(b2, t)
        let l2 = decoupled ? 0 : weightDecay, shrink = decoupled ? 1 - lr * weightDecay : 1
        forEachGradient { i, p, grad, n in
            slots.values[0][i].withUnsafeMutableBufferPointer { m in
                slots.values[1][i].withUnsafeMutableBufferPointer { v in
                    for j in 0..<n {
                        let g = grad[j] + l2 * p[j]
                        m[j] = b1 * m[j] + (1 - b1) * g
                        v[j] = b2 * v[j] + (1 - b2) * g * g
                        let mHat = m[j] / correction1, vHat = v[j] / correction2
                        p[j] = p[j] * shrink - lr * mHat / (vHat.squareRoot() + eps)
                    }
                }
            }
        }
    }

    /// `"<parameter>.exp_avg"` and `"<parameter>.exp_avg_sq"`.
    public func exportState() -> [NamedArray] { slots.export(parameters: parameters) }

    /// Restores the moments and the step count (which the bias correction needs).
    public func importState(_ state: [NamedArray], stepCount: Int) throws {
        try slots.load(state, parameters: parameters)
        self.stepCount = stepCount
    }
}
