extension Tensor {
    /// `conv2d` through `DirectConv` when it applies: Float, stride 1, and `KernelChoice.current` either
    /// `.automatic` in an optimised build with a shape where the kernels are faster (`DirectConv.isFaster`), or
    /// `.simd` with a shape the kernels' blocks fit. Else nil, and `conv2d` goes through im2col + GEMM.
    ///
    /// Both paths compute the same sums in different orders; `ConvolutionPathTests` holds them together.
    @inlinable
    func directConvolution(weight: Tensor, bias: Tensor?, geometry geo: Conv2DGeometry) -> Tensor? {
        guard Scalar.self == Float.self, geo.stride == 1 else { return nil }
        let plan = DirectConv(channels: geo.channels, height: geo.height, width: geo.width, padTop: geo.padding,
                              padLeft: geo.padding, kernelHeight: geo.kernelHeight, kernelWidth: geo.kernelWidth,
                              outChannels: weight.shape[0])
        switch KernelChoice.current {
        case .portable: return nil
        case .simd: guard plan.fitsBlocks else { return nil }
        case .automatic: guard KernelChoice.optimisedBuild, plan.isFaster else { return nil }
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

/// Whether Float convolution and 2×2 pooling run the engine's hand-vectorised SIMD kernels (`DirectConv`,
/// `PoolKernels`) or the portable code every other case runs (im2col + GEMM; the general pooling loop), per task.
public enum KernelChoice: Sendable, Equatable {
    /// SIMD kernels in optimised builds, where they fit and are faster; portable code in debug builds, where
    /// OpenBLAS is still optimised but the SIMD code is not (unoptimised, it made the debug test suite several
    /// times slower).
    case automatic
    /// The SIMD kernels wherever they fit, faster or not (tests, benchmarks).
    case simd
    /// Always the portable code (the path Double always takes).
    case portable

    /// The choice in force for the current task.
    @TaskLocal public static var current = KernelChoice.automatic

    /// Whether this module was built optimised (`.automatic` takes the SIMD kernels only then).
    public static var optimisedBuild: Bool {
        #if DEBUG
        false
        #else
        true
        #endif
    }

    /// Whether a kernel that fits should run: `.simd`, or `.automatic` in an optimised build.
    @inlinable
    public static var simdWhereItFits: Bool {
        switch current {
        case .simd: true
        case .portable: false
        case .automatic: optimisedBuild
        }
    }
}

/// Runs `body` with `choice` in force (tests comparing SIMD kernels with portable code, benchmarks timing both).
@inlinable
public func withKernels<R>(_ choice: KernelChoice, _ body: () throws -> R) rethrows -> R {
    try KernelChoice.$current.withValue(choice, operation: body)
}
