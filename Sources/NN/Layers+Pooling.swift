import TensorGrad

/// Pooling over kernel×kernel windows (stride = kernel unless given); no parameters. Use one of its two
/// flavours, `MaxPool2d` or `AvgPool2d`: they differ only in the reduction.
public class Pool2d: Module {
    /// What a window is reduced to.
    public enum Reduction: String, Sendable {
        case max = "MaxPool2d", average = "AvgPool2d"
    }

    /// Max or average.
    public let reduction: Reduction
    /// Window size and step.
    public let kernelSize: Int, stride: Int
    /// No effect.
    public var isTraining = true

    init(_ reduction: Reduction, kernelSize: Int, stride: Int?) {
        self.reduction = reduction
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
    }

    /// [N, C, H, W] → [N, C, OH, OW].
    public func forward(_ x: Tensor<Float>) -> Tensor<Float> {
        switch reduction {
        case .max: return x.maxPool2d(kernel: kernelSize, stride: stride)
        case .average: return x.avgPool2d(kernel: kernelSize, stride: stride)
        }
    }
    /// None.
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] { [] }
    /// OH = (H − k)/stride + 1.
    public func outputShape(for input: [Int]) -> [Int] {
        [input[0], input[1], (input[2] - kernelSize) / stride + 1, (input[3] - kernelSize) / stride + 1]
    }
    /// `"MaxPool2d 2×2"`.
    public var summary: String {
        "\(reduction.rawValue) \(kernelSize)×\(kernelSize)" + (stride != kernelSize ? " stride \(stride)" : "")
    }
}

/// Max over kernel×kernel windows.
public final class MaxPool2d: Pool2d {
    /// A pooling layer; `stride` defaults to `kernelSize` as in PyTorch.
    public init(_ kernelSize: Int, stride: Int? = nil) { super.init(.max, kernelSize: kernelSize, stride: stride) }
}

/// Mean over kernel×kernel windows.
public final class AvgPool2d: Pool2d {
    /// A pooling layer; `stride` defaults to `kernelSize` as in PyTorch.
    public init(_ kernelSize: Int, stride: Int? = nil) { super.init(.average, kernelSize: kernelSize, stride: stride) }
}

/// Flattens every axis after the batch axis: [N, C, H, W] → [N, C·H·W].
public final class Flatten: Module {
    /// No effect.
    public var isTraining = true
    /// A flatten layer.
    public init() {}
    /// [N, …] → [N, product of the rest].
    public func forward(_ x: Tensor<Float>) -> Tensor<Float> { x.flatten(startAxis: 1) }
    /// None.
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] { [] }
    /// [N, product of the rest].
    public func outputShape(for input: [Int]) -> [Int] { [input[0], input.dropFirst().reduce(1, *)] }
    /// `"Flatten"`.
    public var summary: String { "Flatten" }
}
