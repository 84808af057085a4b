extension Tensor {
    /// `conv2d` through `DirectConv` when it applies: Float, stride 1, and `ConvolutionPath.current` either
    /// `.automatic` in an optimised build with a shape where the kernels are faster (`DirectConv.isFaster`), or
    /// `.direct` with a shape the kernels' blocks fit. Else nil, and `conv2d` goes through im2col + GEMM.
    ///
    /// Both paths compute the same sums in different orders; `ConvolutionPathTests` holds them together.
    @inlinable
    func directConvolution(weight: Tensor, bias: Tensor?, geometry geo: Conv2DGeometry) -> Tensor? {
        guard Scalar.self == Float.self, geo.stride == 1 else { return nil }
        let plan = DirectConv(channels: geo.channels, height: geo.height, width: geo.width, padTop: geo.padding,
                              padLeft: geo.padding, kernelHeight: geo.kernelHeight, kernelWidth: geo.kernelWidth,
                              outChannels: weight.shape[0])
        switch ConvolutionPath.current {
        case .im2col: return nil
        case .direct: guard plan.fitsBlocks else { return nil }
        case .automatic: guard ConvolutionPath.automaticIsDirect, plan.isFaster else { return nil }
        }
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
}

/// Which path `conv2d` takes for Float stride-1 convolutions the direct kernels fit, per task.
public enum ConvolutionPath: Sendable, Equatable {
    /// Direct in optimised builds where it is the faster path; im2col + GEMM in debug builds, where OpenBLAS is
    /// still optimised but the direct kernels' SIMD code is not (unoptimised, it made the debug test suite
    /// several times slower).
    case automatic
    /// The direct kernels wherever their blocks fit, faster or not.
    case direct
    /// Always im2col + GEMM (the path Double and strided convolutions always take).
    case im2col

    /// The path in force for the current task.
    @TaskLocal public static var current = ConvolutionPath.automatic

    /// Whether `.automatic` takes the direct kernels in this build.
    public static var automaticIsDirect: Bool {
        #if DEBUG
        false
        #else
        true
        #endif
    }
}

/// Runs `body` with `conv2d` taking `path` (tests comparing the two paths, benchmarks timing both).
@inlinable
public func withConvolutionPath<R>(_ path: ConvolutionPath, _ body: () throws -> R) rethrows -> R {
    try ConvolutionPath.$current.withValue(path, operation: body)
}
