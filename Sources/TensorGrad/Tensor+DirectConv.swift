extension Tensor {
    /// `conv2d` through `DirectConv` when it applies: Float, stride 1, at least 5 output channels and 4 taps (the
    /// kernels' blocks). Else nil, and `conv2d` goes through im2col + GEMM.
    ///
    /// Both paths compute the same sums in different orders; `ConvolutionPathTests` holds them together.
    @inlinable
    func directConvolution(weight: Tensor, bias: Tensor?, geometry geo: Conv2DGeometry) -> Tensor? {
        guard Scalar.self == Float.self, geo.stride == 1, Tensor.directConvolutionAllowed else { return nil }
        let plan = DirectConv(channels: geo.channels, height: geo.height, width: geo.width, padTop: geo.padding,
                              padLeft: geo.padding, kernelHeight: geo.kernelHeight, kernelWidth: geo.kernelWidth,
                              outChannels: weight.shape[0])
        guard plan.fitsBlocks else { return nil }
        let x = self, batch = geo.batch
        let shape: Shape = [batch, plan.outChannels, plan.outHeight, plan.outWidth]
        let out = TensorStorage<Scalar>(uninitializedCount: shape.count)
        plan.forward(batch: batch, Self.floats(x.storage.base), weights: Self.floats(weight.storage.base),
                     bias: bias.map { Self.floats($0.storage.base) }, into: Self.floats(out.base))
        let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
        return Tensor.result(shape, out, op: .conv2d, inputs: inputs,
                             detail: "\(geo.kernelHeight)×\(geo.kernelWidth) stride 1 pad \(geo.padding)") { out in
            plan.backward(batch: batch, Self.floats(x.storage.base), weights: Self.floats(weight.storage.base),
                          Self.floats(out.grad!.storage.base),
                          weightGrad: weight.requiresGrad ? Self.floats(weight.gradBuffer()) : nil,
                          biasGrad: bias?.requiresGrad == true ? Self.floats(bias!.gradBuffer()) : nil,
                          inputGrad: x.requiresGrad ? Self.floats(x.gradBuffer()) : nil)
        }
    }

    /// A Float tensor's storage as Float (the caller has checked Scalar == Float).
    @inlinable @inline(__always)
    static func floats(_ p: UnsafeMutablePointer<Scalar>) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
    }

    /// Whether `conv2d` may take the direct path; false only inside `withIm2colConvolution` (tests comparing the
    /// two paths, benchmarks timing both).
    @inlinable
    static var directConvolutionAllowed: Bool { !ConvolutionPath.im2colOnly }
}

/// Which convolution path `conv2d` may take, per task.
public enum ConvolutionPath {
    /// True inside `withIm2colConvolution`.
    @TaskLocal public static var im2colOnly = false
}

/// Runs `body` with every `conv2d` going through im2col + GEMM (the path Double and strided convolutions always
/// take), for comparing the two paths.
@inlinable
public func withIm2colConvolution<R>(_ body: () throws -> R) rethrows -> R {
    try ConvolutionPath.$im2colOnly.withValue(true, operation: body)
}
