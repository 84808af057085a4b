import Groundwork
import TensorGrad

/// A fully connected layer y = x·Wᵀ + b.
public final class Linear: Module {
    /// Weight, shape [out features, in features] (PyTorch's layout).
    public let weight: Tensor<Float>
    /// Bias, shape [out features]; nil without bias.
    public let bias: Tensor<Float>?
    /// Input and output feature counts (fixed settings, not trained).
    public let inFeatures: Int, outFeatures: Int
    /// No effect (kept for the protocol).
    public var isTraining = true

    /// A layer initialised as PyTorch does (`Initialization`), drawing from `generator`.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, generator: inout SeededGenerator) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        let bound = Initialization.bound(fanIn: inFeatures)
        weight = Initialization.uniform([outFeatures, inFeatures], bound: bound, using: &generator)
        self.bias = bias ? Initialization.uniform([outFeatures], bound: bound, using: &generator) : nil
    }

    /// x [N, in] → [N, out].
    public func forward(_ x: Tensor<Float>) -> Tensor<Float> { x.linear(weight: weight, bias: bias) }

    /// `weight` and `bias`.
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    /// [N, in] → [N, out].
    public func outputShape(for input: [Int]) -> [Int] { [input[0], outFeatures] }

    /// `"Linear 320→50"`.
    public var summary: String { "Linear \(inFeatures)→\(outFeatures)" }
}

/// A 2-D convolution (cross-correlation, as PyTorch's `Conv2d`), square kernel.
public final class Conv2d: Module {
    /// Weight, shape [out channels, in channels, kh, kw].
    public let weight: Tensor<Float>
    /// Bias, shape [out channels]; nil without bias.
    public let bias: Tensor<Float>?
    /// Fixed settings: channels, kernel size, stride, zero padding.
    public let inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int, padding: Int
    /// No effect (kept for the protocol).
    public var isTraining = true

    /// A layer initialised as PyTorch does (fan_in = in channels · k²), drawing from `generator`.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                bias: Bool = true, generator: inout SeededGenerator) {
        (self.inChannels, self.outChannels, self.kernelSize) = (inChannels, outChannels, kernelSize)
        (self.stride, self.padding) = (stride, padding)
        let bound = Initialization.bound(fanIn: inChannels * kernelSize * kernelSize)
        weight = Initialization.uniform([outChannels, inChannels, kernelSize, kernelSize], bound: bound,
                                        using: &generator)
        self.bias = bias ? Initialization.uniform([outChannels], bound: bound, using: &generator) : nil
    }

    /// x [N, in, H, W] → [N, out, OH, OW].
    public func forward(_ x: Tensor<Float>) -> Tensor<Float> {
        x.conv2d(weight: weight, bias: bias, stride: stride, padding: padding)
    }

    /// `weight` and `bias`.
    public var namedParameters: [(name: String, tensor: Tensor<Float>)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    /// OH = (H + 2·padding − k)/stride + 1, likewise OW.
    public func outputShape(for input: [Int]) -> [Int] {
        let size = { ($0 + 2 * self.padding - self.kernelSize) / self.stride + 1 }
        return [input[0], outChannels, size(input[2]), size(input[3])]
    }

    /// `"Conv2d 1→10 5×5"` (plus stride and padding when not 1 and 0).
    public var summary: String {
        "Conv2d \(inChannels)→\(outChannels) \(kernelSize)×\(kernelSize)"
            + (stride != 1 ? " stride \(stride)" : "") + (padding != 0 ? " pad \(padding)" : "")
    }
}
