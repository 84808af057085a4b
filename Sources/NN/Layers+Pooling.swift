import TensorGrad

/// Max over kernel×kernel windows (stride = kernel unless given); no parameters.
public final class MaxPool2d: Module {
    /// Window size and step.
    public let kernelSize: Int, stride: Int
    /// No effect.
    public var isTraining = true

    /// A pooling layer; `stride` defaults to `kernelSize` as in PyTorch.
    public init(_ kernelSize: Int, stride: Int? = nil) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
    }

    /// [N, C, H, W] → [N, C, OH, OW].
    public func forward(_ x: Tensor<Float>) -> Tensor<Float> { x.maxPool2d(kernel: kernelSize, stride: stride) }
    /// None.
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] { [] }
    /// OH = (H − k)/stride + 1.
    public func outputShape(for input: [Int]) -> [Int] {
        [input[0], input[1], (input[2] - kernelSize) / stride + 1, (input[3] - kernelSize) / stride + 1]
    }
    /// `"MaxPool2d 2×2"`.
    public var summary: String { "MaxPool2d \(kernelSize)×\(kernelSize)" + (stride != kernelSize ? " stride \(stride)" : "") }
}

/// Mean over kernel×kernel windows (stride = kernel unless given); no parameters.
public final class AvgPool2d: Module {
    /// Window size and step.
    public let kernelSize: Int, stride: Int
    /// No effect.
    public var isTraining = true

    /// A pooling layer; `stride` defaults to `kernelSize` as in PyTorch.
    public init(_ kernelSize: Int, stride: Int? = nil) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
    }

    /// [N, C, H, W] → [N, C, OH, OW].
    public func forward(_ x: Tensor<Float>) -> Tensor<Float> { x.avgPool2d(kernel: kernelSize, stride: stride) }
    /// None.
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] { [] }
    /// OH = (H − k)/stride + 1.
    public func outputShape(for input: [Int]) -> [Int] {
        [input[0], input[1], (input[2] - kernelSize) / stride + 1, (input[3] - kernelSize) / stride + 1]
    }
    /// `"AvgPool2d 2×2"`.
    public var summary: String { "AvgPool2d \(kernelSize)×\(kernelSize)" + (stride != kernelSize ? " stride \(stride)" : "") }
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
