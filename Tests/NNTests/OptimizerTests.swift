import Testing
import TensorGrad
@testable import NN

/// Update rules against values worked by hand from PyTorch's documented formulas (one scalar parameter p = 1).
@Suite struct OptimizerTests {
    /// Runs `optimizer` for the given gradients on a fresh p = 1 and returns p after each step.
    func trajectory(_ make: ([(name: String, tensor: Tensor<Float>)]) -> any Optimizer, grads: [Float]) -> [Float] {
        let p = Tensor<Float>(shape: [1], scalars: [1], requiresGrad: true)
        let optimizer = make([("p", p)])
        return grads.map { g in
            p.grad = Tensor(shape: [1], scalars: [g])
            optimizer.step()
            return p.item
        }
    }

    func close(_ a: [Float], _ b: [Double], tolerance: Double = 1e-6) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs(Double($0) - $1) <= tolerance }
    }

    @Test func sgdMomentumStartsFromTheGradientThenAccumulates() {
        // b₁ = g = 1, p = 1 − 0.1 = 0.9; b₂ = 0.9·1 + 1 = 1.9, p = 0.9 − 0.19 = 0.71.
        #expect(close(trajectory({ SGD($0, learningRate: 0.1, momentum: 0.9) }, grads: [1, 1]), [0.9, 0.71]))
        // Plain SGD with weight decay: g = 1 + 0.1·1 = 1.1, p = 1 − 0.11.
        #expect(close(trajectory({ SGD($0, learningRate: 0.1, weightDecay: 0.1) }, grads: [1]), [0.89]))
    }

    @Test func sgdNesterovLooksAhead() {
        // step 1: b = 1, update g + μb = 1.9 → 0.81; step 2: b = 1.9, update 1 + 0.9·1.9 = 2.71 → 0.539.
        #expect(close(trajectory({ SGD($0, learningRate: 0.1, momentum: 0.9, nesterov: true) }, grads: [1, 1]),
                      [0.81, 0.539]))
    }

    @Test func adamUsesBiasCorrectedMoments() {
        // t = 1: m̂ = v̂ = g → step lr·1/(1 + ε); t = 2 with g = 2: m̂ = 0.29/0.19, v̂ = 0.004999/0.001999.
        #expect(close(trajectory({ Adam($0, learningRate: 0.1) }, grads: [1, 2]), [0.900000001, 0.8034817990]))
    }

    @Test func adamWDecaysTheWeightsDirectly() {
        // p ← p·(1 − lr·λ) = 0.99, then the Adam step of 0.1 → 0.89.
        #expect(close(trajectory({ Adam.adamW($0, learningRate: 0.1, weightDecay: 0.1) }, grads: [1]), [0.89]))
        // Adam's L2 form puts λ·p into the gradient instead: m̂ = v̂^½ still, so the first step is also lr.
        #expect(close(trajectory({ Adam($0, learningRate: 0.1, weightDecay: 0.1) }, grads: [1]), [0.9]))
    }

    @Test func adagradDividesByTheRootOfSummedSquares() {
        #expect(close(trajectory({ Adagrad($0, learningRate: 0.1) }, grads: [1, 2]), [0.9, 0.8105572809]))
    }

    @Test func rmspropDividesByTheRootOfTheRunningSquare() {
        #expect(close(trajectory({ RMSProp($0, learningRate: 0.01) }, grads: [1, 2]), [0.90000001, 0.8104677178]))
    }

    @Test func optimizerStateRoundTripsThroughNamedArrays() throws {
        let p = Tensor<Float>(shape: [2], scalars: [1, 2], requiresGrad: true)
        let a = Adam([("w", p)], learningRate: 0.1)
        p.grad = Tensor(shape: [2], scalars: [1, -1])
        a.step()
        let state = a.exportState()
        #expect(state.map(\.name) == ["w.exp_avg", "w.exp_avg_sq"])
        let b = Adam([("w", p)], learningRate: 0.1)
        try b.importState(state, stepCount: a.stepCount)
        #expect(b.exportState() == state && b.stepCount == 1)
        #expect(throws: CheckpointError.self) { try b.importState([], stepCount: 1) }
    }

    @Test func stepScheduleDecaysEveryStepSizeEpochs() {
        let s = StepSchedule(baseLearningRate: 0.1, stepSize: 2, gamma: 0.5)
        #expect((0..<5).map { s.learningRate(epoch: $0) } == [0.1, 0.1, 0.05, 0.05, 0.025])
    }

    @Test func penaltiesAreLossTermsWithTheirGradients() {
        let w = Tensor<Float>(shape: [2], scalars: [-2, 3], requiresGrad: true)
        let l1 = Penalty.l1([w], strength: 0.5)
        #expect(l1.item == 2.5)
        l1.backward()
        #expect(w.grad?.scalars == [-0.5, 0.5])
        w.zeroGrad()
        let l2 = Penalty.l2([w], strength: 0.5)
        #expect(l2.item == 6.5)
        l2.backward()
        #expect(w.grad?.scalars == [-2, 3])
    }
}
