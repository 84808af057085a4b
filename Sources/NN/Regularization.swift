import TensorGrad

/// Penalties added to the loss, so their gradients flow through backward like any other term.
public enum Penalty {
    /// λ·Σ|w| over `parameters` (L1: pushes weights to exactly 0). ∂/∂w = λ·sign(w).
    public static func l1(_ parameters: [Tensor<Float>], strength: Float) -> Tensor<Float> {
        parameters.map { $0.abs().sum() }.reduce(Tensor(0), +) * strength
    }

    /// λ·Σw² over `parameters` (L2: shrinks weights). ∂/∂w = 2λ·w. (SGD's weight decay λ′ equals L2 with λ = λ′/2.)
    public static func l2(_ parameters: [Tensor<Float>], strength: Float) -> Tensor<Float> {
        parameters.map { ($0 * $0).sum() }.reduce(Tensor(0), +) * strength
    }
}

/// A step learning-rate schedule (`torch.optim.lr_scheduler.StepLR`): lr = base·γ^⌊epoch/step size⌋.
public struct StepSchedule: Equatable, Sendable, Codable {
    /// Learning rate at epoch 0.
    public var baseLearningRate: Float
    /// Epochs between decays (≥ 1).
    public var stepSize: Int
    /// Factor applied every `stepSize` epochs.
    public var gamma: Float

    /// A schedule; `stepSize` must be ≥ 1.
    public init(baseLearningRate: Float, stepSize: Int, gamma: Float = 0.1) {
        precondition(stepSize >= 1, "StepSchedule: step size must be ≥ 1, got \(stepSize)")
        (self.baseLearningRate, self.stepSize, self.gamma) = (baseLearningRate, stepSize, gamma)
    }

    /// The learning rate for (0-based) `epoch`.
    public func learningRate(epoch: Int) -> Float {
        var lr = baseLearningRate
        for _ in 0..<(epoch / stepSize) { lr *= gamma }
        return lr
    }
}
