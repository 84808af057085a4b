import Foundation
import Testing
import LessonModels
import TensorGrad

/// The generative lessons' models against values computed by hand in Double.
@Suite struct LessonModelsTests {
    /// Central difference of `f` at `x[i]` (Double, step 1e-6).
    func slope(_ f: ([Double]) -> Double, _ x: [Double], _ i: Int) -> Double {
        var plus = x, minus = x
        plus[i] += 1e-6
        minus[i] -= 1e-6
        return (f(plus) - f(minus)) / 2e-6
    }

    @Test func ganDiscriminatorLossIsBinaryCrossEntropyOfBothBatches() {
        let real: [Double] = [2.0, -0.5], fake: [Double] = [0.3, -1.5, 4.0]
        let loss = GANLoss.discriminator(real: Tensor(shape: [2, 1], scalars: real),
                                         fake: Tensor(shape: [3, 1], scalars: fake)).item
        let sigmoid = { (z: Double) in 1 / (1 + exp(-z)) }
        let expected = real.map { -log(sigmoid($0)) }.reduce(0, +) / 2
            + fake.map { -log(1 - sigmoid($0)) }.reduce(0, +) / 3
        #expect(abs(loss - expected) < 1e-12)
    }

    @Test func ganGeneratorLossesAreMirrorImages() {
        let logits = Tensor<Double>(shape: [2, 1], scalars: [1.0, -2.0])
        let nonSaturating = GANLoss.nonSaturating(fake: logits).item
        let saturating = GANLoss.saturating(fake: logits).item
        // −log σ(z) and log(1 − σ(z)) = −log(1 + eᶻ).
        #expect(abs(nonSaturating - (log(1 + exp(-1.0)) + log(1 + exp(2.0))) / 2) < 1e-12)
        #expect(abs(saturating + (log(1 + exp(1.0)) + log(1 + exp(-2.0))) / 2) < 1e-12)
    }

    @Test func ringCoverageCountsPointsNearEachCentre() {
        let ring = Ring()
        var points: [Double] = []
        for k in 0..<ring.modes { let (x, y) = ring.centre(k); points += [x, y] }
        let all = ring.coverage(points)
        #expect(all.covered == 8 && all.quality == 1 && all.perMode == [Int](repeating: 1, count: 8))
        // Twenty points on mode 3 and twenty at the origin: one mode covered, half of the points of a mode.
        let (x3, y3) = ring.centre(3)
        let some = ring.coverage(Array(repeating: [x3, y3], count: 20).flatMap { $0 } + Array(repeating: 0, count: 40))
        #expect(some.covered == 1 && some.perMode[3] == 20 && some.quality == 0.5)
    }

    @Test func vaeKLMatchesItsClosedForm() {
        let mu: [Double] = [0.5, -1.0, 0.0, 2.0], logVar: [Double] = [0.1, -0.3, 0.0, 1.2]
        let kl = VAEModel<Double>.kl(mu: Tensor(shape: [2, 2], scalars: mu), logVar: Tensor(shape: [2, 2], scalars: logVar))
        let expected = zip(mu, logVar).map { m, v in 0.5 * (m * m + exp(v) - 1 - v) }.reduce(0, +) / 2
        #expect(abs(kl.item - expected) < 1e-12)
    }

    @Test func vaeReparameterisationGradientMatchesCentralDifferences() {
        let mu: [Double] = [0.2, -0.7], logVar: [Double] = [0.4, -1.1], epsilon: [Double] = [1.3, -0.6]
        // L = Σ z², z = μ + exp(½ log σ²)·ε.
        func loss(_ m: [Double], _ v: [Double]) -> Double {
            zip(zip(m, v), epsilon).map { mv, e in pow(mv.0 + exp(0.5 * mv.1) * e, 2) }.reduce(0, +)
        }
        let m = Tensor<Double>(shape: [1, 2], scalars: mu), v = Tensor<Double>(shape: [1, 2], scalars: logVar)
        m.requiresGrad = true
        v.requiresGrad = true
        let z = VAEModel<Double>.reparameterize(mu: m, logVar: v, epsilon: Tensor(shape: [1, 2], scalars: epsilon))
        (z * z).sum().backward()
        for i in 0..<2 {
            #expect(abs(m.grad!.scalars[i] - slope({ loss($0, logVar) }, mu, i)) < 1e-6)
            #expect(abs(v.grad!.scalars[i] - slope({ loss(mu, $0) }, logVar, i)) < 1e-6)
        }
    }
}
