import TensorGrad

/// Zeroes each element (or, in `Dropout2d`, each whole channel) with probability `p` in training mode, survivors
/// scaled by 1/(1 − p); identity in eval.
public class Dropout: ShapePreservingModule {
    /// Drop probability (per element, or per channel).
    public let probability: Float
    /// Whether whole channels of [N, C, H, W] are dropped together (`Dropout2d`).
    public let perChannel: Bool
    /// The model's shared random stream (its state goes into checkpoints).
    public let stream: RandomStream
    /// Dropout is active only while training.
    public var isTraining = true

    /// A dropout layer drawing its masks from `stream`.
    public convenience init(_ probability: Float = 0.5, stream: RandomStream) {
        self.init(probability, perChannel: false, stream: stream)
    }

    init(_ probability: Float, perChannel: Bool, stream: RandomStream) {
        self.probability = probability
        self.perChannel = perChannel
        self.stream = stream
    }

    /// Same shape as `x`.
    public func forward(_ x: Tensor<Float>) -> Tensor<Float> {
        perChannel ? x.dropout2d(probability: probability, training: isTraining, using: &stream.generator)
            : x.dropout(probability: probability, training: isTraining, using: &stream.generator)
    }
    /// None.
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] { [] }
    /// `"Dropout p=0.5"`, `"Dropout2d p=0.5"`.
    public var summary: String { (perChannel ? "Dropout2d" : "Dropout") + " p=\(probability)" }
}

/// Zeroes whole channels of [N, C, H, W] with probability `p` in training mode (survivors scaled by 1/(1 − p)).
public final class Dropout2d: Dropout {
    /// A channel-dropout layer drawing its masks from `stream`.
    public init(_ probability: Float = 0.5, stream: RandomStream) {
        super.init(probability, perChannel: true, stream: stream)
    }
}

/// Batch normalisation over the channel axis of [N, F] (`BatchNorm1d`) or [N, C, H, W] (`BatchNorm2d`).
public final class BatchNorm: Module {
    /// Scale γ, shape [features], initialised to 1.
    public let weight: Tensor<Float>
    /// Shift β, shape [features], initialised to 0.
    public let bias: Tensor<Float>
    /// Running mean, shape [features] (a buffer: saved, not trained).
    public let runningMean: Tensor<Float>
    /// Running (unbiased) variance, shape [features], initialised to 1 (a buffer).
    public let runningVariance: Tensor<Float>
    /// Fixed settings: features, expected input rank (2 or 4), momentum and ε as in PyTorch.
    public let features: Int, rank: Int, momentum: Float, epsilon: Float
    /// Batch statistics while training, running statistics in eval.
    public var isTraining = true

    /// A batch-norm layer for inputs of `rank` 2 ([N, F]) or 4 ([N, C, H, W]).
    public init(features: Int, rank: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) {
        precondition(rank == 2 || rank == 4, "BatchNorm: rank must be 2 or 4, got \(rank)")
        (self.features, self.rank, self.momentum, self.epsilon) = (features, rank, momentum, epsilon)
        weight = .ones([features], requiresGrad: true)
        bias = .zeros([features], requiresGrad: true)
        runningMean = .zeros([features])
        runningVariance = .ones([features])
    }

    /// Normalised `x`, same shape.
    public func forward(_ x: Tensor<Float>) -> Tensor<Float> {
        x.batchNorm(weight: weight, bias: bias, runningMean: runningMean, runningVariance: runningVariance,
                    training: isTraining, momentum: momentum, epsilon: epsilon)
    }
    /// `weight` (γ) and `bias` (β).
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] { [("weight", weight), ("bias", bias)] }
    /// `running_mean` and `running_var` (PyTorch's names).
    public var namedBuffers: [(name: String, tensor: Tensor<Float>)] {
        [("running_mean", runningMean), ("running_var", runningVariance)]
    }
    /// The input shape.
    public func outputShape(for input: [Int]) -> [Int] { input }
    /// `"BatchNorm2d 32"`.
    public var summary: String { "BatchNorm\(rank == 2 ? 1 : 2)d \(features)" }
}

/// `BatchNorm1d(features)`: batch norm for [N, F].
public func BatchNorm1d(_ features: Int) -> BatchNorm { BatchNorm(features: features, rank: 2) }
/// `BatchNorm2d(channels)`: batch norm for [N, C, H, W].
public func BatchNorm2d(_ channels: Int) -> BatchNorm { BatchNorm(features: channels, rank: 4) }
