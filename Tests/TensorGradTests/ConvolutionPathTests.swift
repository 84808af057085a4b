import Foundation
import Testing
import TensorGrad

/// `conv2d` has two paths for Float: direct SIMD kernels (stride 1, ≥ 5 output channels, ≥ 5 taps; the default
/// in optimised builds) and im2col + GEMM (everything else, every Double convolution — what the gradient checks
/// test — and the default in debug builds). These
/// tests hold the direct path to the im2col one — output and all three gradients — over shapes that reach every
/// branch of the kernels: padding, rows that are not whole vectors, channel and tap counts that are not multiples
/// of the blocks, an odd batch, one input channel, no bias.
@Suite struct ConvolutionPathTests {
    struct Case: CustomStringConvertible, Sendable {
        var input: Shape, weight: Shape, padding: Int, bias: Bool
        var description: String { "x \(input) w \(weight) pad \(padding)\(bias ? "" : " no bias")" }
    }

    static let cases: [Case] = [
        Case(input: [9, 1, 28, 28], weight: [10, 1, 5, 5], padding: 0, bias: true),    // the seed net's conv1
        Case(input: [5, 10, 12, 12], weight: [20, 10, 5, 5], padding: 0, bias: true),  // its conv2
        Case(input: [3, 1, 28, 28], weight: [32, 1, 3, 3], padding: 0, bias: true),    // the wide net's conv1
        Case(input: [2, 32, 13, 13], weight: [64, 32, 3, 3], padding: 0, bias: true),  // its conv2
        Case(input: [3, 3, 11, 9], weight: [7, 3, 3, 3], padding: 1, bias: true),
        Case(input: [4, 2, 7, 17], weight: [6, 2, 2, 3], padding: 2, bias: false),
        Case(input: [1, 1, 6, 6], weight: [5, 1, 2, 3], padding: 0, bias: true),
        Case(input: [2, 4, 5, 8], weight: [9, 4, 5, 1], padding: 1, bias: false),
    ]

    /// Values in [−1, 1) from a fixed sequence, so both paths see the same numbers.
    static func tensor(_ shape: Shape, _ seed: Double, grad: Bool = true) -> Tensor<Float> {
        let t = Tensor<Float>(shape: shape, scalars: (0..<shape.count).map {
            Float(sin(Double($0) * 0.7123 + seed) * 0.999)
        })
        t.requiresGrad = grad
        return t
    }

    /// Output, ∂x, ∂w, ∂b of Σ y·r (r a fixed weighting, so every output's gradient differs).
    static func run(_ c: Case) -> [[Float]] {
        let x = tensor(c.input, 0.1), w = tensor(c.weight, 0.2), b = c.bias ? tensor([c.weight[0]], 0.3) : nil
        let y = x.conv2d(weight: w, bias: b, padding: c.padding)
        let r = tensor(y.shape, 0.4, grad: false)
        (y * r).sum().backward()
        return [y.scalars, x.grad!.scalars, w.grad!.scalars, b?.grad!.scalars ?? []]
    }

    @Test(arguments: cases)
    func directPathAgreesWithIm2col(_ c: Case) {
        let direct = withKernels(.simd) { Self.run(c) }
        let reference = withKernels(.portable) { Self.run(c) }
        for (name, (a, b)) in zip(["y", "∂x", "∂w", "∂b"], zip(direct, reference)) {
            #expect(a.count == b.count, "\(c) \(name)")
            let scale = Swift.max(1, b.map(abs).max() ?? 0)
            let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 2e-5 * scale, "\(c) \(name): differs by \(worst) (largest value \(scale))")
        }
    }

    @Test func bothPathsAreTaken() {
        // Same shapes, but one path forced: if the direct path were never taken, all outputs would be identical
        // bit for bit, and the comparison above would prove nothing.
        let c = Self.cases[1]
        let direct = withKernels(.simd) { Self.run(c)[2] }
        let reference = withKernels(.portable) { Self.run(c)[2] }
        #expect(direct.map(\.bitPattern) != reference.map(\.bitPattern))
    }

    @Test func directGradientsHaveTheSameBitsForAnyThreadCount() {
        let c = Case(input: [37, 3, 14, 14], weight: [6, 3, 5, 5], padding: 1, bias: true)
        let (one, two, three) = withKernels(.simd) {
            (withThreads(1) { Self.run(c) }, withThreads(2) { Self.run(c) }, withThreads(3) { Self.run(c) })
        }
        for (a, (b, d)) in zip(one, zip(two, three)) {
            #expect(a.map(\.bitPattern) == b.map(\.bitPattern) && a.map(\.bitPattern) == d.map(\.bitPattern))
        }
    }
}
