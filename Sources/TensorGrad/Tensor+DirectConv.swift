extension Tensor {
    /// `conv2d` through `DirectConv` when it applies: Float, stride 1, at least 5 output channels and 4 taps (the
    /// kernels' blocks). Else, or when `ConvolutionPath.current` says
    /// im2col, nil, and `conv2d` goes through im2col + GEMM.
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

    /// Whether `conv2d` takes the direct path where it applies: `ConvolutionPath.current`, with `.automatic`
    /// meaning direct in optimised builds only.
    @inlinable
    static var directConvolutionAllowed: Bool {
        switch ConvolutionPath.current {
        case .direct: true
        case .im2col: false
        case .automatic: ConvolutionPath.automaticIsDirect
        }
    }
}

/// Which path `conv2d` takes for Float stride-1 convolutions the direct kernels fit, per task.
public enum ConvolutionPath: Sendable, Equatable {
    /// Direct in optimised builds; im2col + GEMM in debug builds, where OpenBLAS is still optimised but the
    /// direct kernels' SIMD code is not (unoptimised, it made the debug test suite several times slower).
    case automatic
    /// Always the direct kernels where they fit.
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
