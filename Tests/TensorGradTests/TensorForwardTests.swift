import Foundation
import Testing
@testable import TensorGrad

/// Forward values worked by hand, so a wrong forward with a matching wrong backward cannot pass.
@Suite struct TensorForwardTests {
    let image = Tensor<Double>(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])

    func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-7) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= tolerance }
    }

    @Test func conv2dOn3x3MatchesHandComputation() {
        // [[1,2],[3,4]] over [[1,2,3],[4,5,6],[7,8,9]]: 1·1+2·2+3·4+4·5 = 37, then 47, 67, 77; bias 0.5.
        let w = Tensor<Double>(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        let y = image.conv2d(weight: w, bias: Tensor(shape: [1], scalars: [0.5]))
        #expect(y.shape == [1, 1, 2, 2])
        #expect(y.scalars == [37.5, 47.5, 67.5, 77.5])
    }

    @Test func conv2dStride2Padding1SumsTheVisibleCorners() {
        // A 3×3 window of ones, stride 2, padding 1: each output sums the 2×2 corner block it sees.
        let w = Tensor<Double>.ones([1, 1, 3, 3])
        let y = image.conv2d(weight: w, stride: 2, padding: 1)
        #expect(y.scalars == [12, 16, 24, 28])
    }

    @Test func maxPool4x4PicksWindowMaximaAndRoutesGradientThere() {
        let x = Tensor<Double>(shape: [1, 1, 4, 4], scalars: [1, 5, 2, 0, 3, 4, 8, 1, 9, 2, 6, 7, 0, 1, 3, 5],
                               requiresGrad: true)
        let y = x.maxPool2d(kernel: 2)
        #expect(y.scalars == [5, 8, 9, 7])
        y.sum().backward()
        #expect(x.grad!.scalars == [0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0])
    }

    @Test func avgPoolAveragesWindows() {
        let x = Tensor<Double>(shape: [1, 1, 2, 4], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(x.avgPool2d(kernel: 2).scalars == [3.5, 5.5])
    }

    @Test func softmaxOfKnownVector() {
        let s = Tensor<Double>(shape: [3], scalars: [1, 2, 3]).softmax()
        #expect(close(s.scalars, [0.09003057317038046, 0.24472847105479767, 0.6652409557748219]))
        // Stability: huge logits give the same answer instead of NaN.
        let big = Tensor<Double>(shape: [3], scalars: [1001, 1002, 1003]).logSoftmax()
        #expect(close(big.scalars, [-2.4076059644443806, -1.4076059644443806, -0.4076059644443806]))
    }

    @Test func crossEntropyOnKnownCase() {
        let logits = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 1, 2, 3])
        // −log softmax([1,2,3])[0] = 2.4076…, [2] = 0.4076…; mean 1.4076…
        #expect(close([logits.crossEntropy([0, 2]).item], [1.4076059644443806]))
        #expect(close([logits.crossEntropy([0, 2], reduction: .sum).item], [2.8152119288887613]))
    }

    @Test func lossesOnKnownValues() {
        let p = Tensor<Double>(shape: [2], scalars: [0.8, 0.4]), t = Tensor<Double>(shape: [2], scalars: [1, 0])
        #expect(close([p.mseLoss(t).item], [(0.04 + 0.16) / 2]))
        #expect(close([p.bceLoss(t).item], [-(Foundation.log(0.8) + Foundation.log(0.6)) / 2]))
        let z = Tensor<Double>(shape: [2], scalars: [0, 1000])
        // Stable: log(1+e⁰) = log 2 for x = 0, and ≈ 0 for a huge logit with target 1.
        #expect(close([z.bceWithLogitsLoss(Tensor(shape: [2], scalars: [0, 1]), reduction: .sum).item],
                      [Foundation.log(2)]))
        let logQ = Tensor<Double>(shape: [2], scalars: [Foundation.log(0.5), Foundation.log(0.5)])
        let target = Tensor<Double>(shape: [2], scalars: [0.25, 0.75])
        let kl = 0.25 * Foundation.log(0.5) + 0.75 * Foundation.log(1.5)
        #expect(close([logQ.klDiv(target, reduction: .sum).item], [kl]))
        #expect(close([logQ.klDiv(target).item], [kl / 2]))
    }

    @Test func batchNormTrainingNormalisesAndUpdatesRunningStatistics() {
        let x = Tensor<Double>(shape: [2, 1], scalars: [1, 3])
        let mean = Tensor<Double>.zeros([1]), variance = Tensor<Double>.ones([1])
        let y = x.batchNorm(weight: nil, bias: nil, runningMean: mean, runningVariance: variance, training: true)
        let s = 1 / (1 + 1e-5).squareRoot()
        #expect(close(y.scalars, [-s, s]))
        #expect(close(mean.scalars, [0.2]))      // 0.9·0 + 0.1·2
        #expect(close(variance.scalars, [1.1]))  // 0.9·1 + 0.1·2 (unbiased variance of {1, 3})
        let eval = x.batchNorm(weight: nil, bias: nil, runningMean: mean, runningVariance: variance, training: false)
        #expect(close(eval.scalars, [(1 - 0.2) / (1.1 + 1e-5).squareRoot(), (3 - 0.2) / (1.1 + 1e-5).squareRoot()]))
    }

    @Test func dropoutIsIdentityInEvalAndScalesSurvivorsInTraining() {
        var rng = SystemRandomNumberGenerator()
        let x = Tensor<Float>.ones([1000])
        #expect(x.dropout(probability: 0.5, training: false, using: &rng) === x)
        let y = x.dropout(probability: 0.5, training: true, using: &rng).scalars
        #expect(y.allSatisfy { $0 == 0 || $0 == 2 })
        let kept = y.filter { $0 == 2 }.count
        #expect(kept > 400 && kept < 600)
        let channels = Tensor<Float>.ones([2, 8, 3, 3]).dropout2d(probability: 0.5, training: true, using: &rng)
        let perChannel = stride(from: 0, to: 144, by: 9).map { Set(channels.scalars[$0..<($0 + 9)]) }
        #expect(perChannel.allSatisfy { $0.count == 1 })
    }

    @Test func movementOpsArrangeElements() {
        let x = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(x.transpose().scalars == [1, 4, 2, 5, 3, 6])
        #expect(x.slice(axis: 1, 1..<3).scalars == [2, 3, 5, 6])
        #expect(Tensor.concat([x, x], axis: 1).scalars == [1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6])
        #expect(x.reshape([3, -1]).shape == [3, 2])
        #expect(Tensor<Double>(shape: [3], scalars: [1, 2, 3]).broadcast(to: [2, 3]).scalars == [1, 2, 3, 1, 2, 3])
        #expect(x.max(alongAxes: [0]).scalars == [4, 5, 6] && x.sum(alongAxes: [1]).scalars == [6, 15])
        #expect(x.mean().item == 3.5)
    }
}
