import Foundation
import Testing
import TensorGrad

/// Float 2×2 max pooling runs eight windows at a time (`PoolKernels`); Double runs the general loop. Both must
/// pick the same element of every window — the first maximum in top-left, top-right, bottom-left, bottom-right
/// order — so values on a coarse grid (many ties) must give the same outputs and send the gradient to the same
/// inputs. Widths cover whole vectors, a tail, and odd sizes whose last row or column no window covers.
@Suite struct PoolKernelTests {
    static let shapes: [Shape] = [[3, 2, 24, 24], [2, 3, 26, 26], [1, 1, 10, 34], [2, 1, 7, 33], [1, 2, 4, 4]]

    /// Values k/4 for small integers k: ties in most windows.
    static func values(_ count: Int) -> [Double] {
        (0..<count).map { (sin(Double($0) * 1.37) * 3).rounded() / 4 }
    }

    @Test(arguments: shapes)
    func floatWindowsPickTheSameElementAsTheGeneralLoop(_ shape: Shape) {
        let v = Self.values(shape.count)
        let xf = Tensor<Float>(shape: shape, scalars: v.map(Float.init)), xd = Tensor<Double>(shape: shape, scalars: v)
        xf.requiresGrad = true
        xd.requiresGrad = true
        let yf = withKernels(.simd) { xf.maxPool2d(kernel: 2) }, yd = xd.maxPool2d(kernel: 2)
        #expect(yf.shape == yd.shape)
        #expect(yf.scalars == yd.scalars.map(Float.init), "\(shape): maxima")
        let weights = (0..<yd.count).map { Double($0 % 7 + 1) }
        withKernels(.simd) { (yf * Tensor<Float>(shape: yf.shape, scalars: weights.map(Float.init))).sum().backward() }
        (yd * Tensor<Double>(shape: yd.shape, scalars: weights)).sum().backward()
        #expect(xf.grad!.scalars == xd.grad!.scalars.map(Float.init), "\(shape): gradient routed to other inputs")
    }
}
