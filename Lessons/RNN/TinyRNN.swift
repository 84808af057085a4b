import Groundwork
import Datasets
import Foundation
import TensorGrad

/// The recurrent network of the rnn lesson, written with row vectors as the code computes it:
/// hₜ = tanh(xₜ·W_x + hₜ₋₁·W_h + b), h₀ = 0, and one prediction from the last state ŷ = h_T·W_o + b_o.
///
/// The same weights are used at every time step; unrolling the loop over T steps gives a feed-forward graph
/// of depth T through which backpropagation sends the gradient ("backpropagation through time").
struct TinyRNN {
    /// Input weights, [1, H] (one input number per step).
    let wx: Tensor<Double>
    /// Recurrent weights, [H, H]: how the previous state enters the next one.
    let wh: Tensor<Double>
    /// Bias of the state update, [H].
    let b: Tensor<Double>
    /// Read-out weights, [H, 1].
    let wo: Tensor<Double>
    /// Read-out bias, [1].
    let bo: Tensor<Double>

    /// Hidden size H.
    var hidden: Int { wh.shape[0] }
    /// Every trainable tensor, in the order `flatParameters` lists their elements.
    var parameters: [Tensor<Double>] { [wx, wh, b, wo, bo] }

    /// Random weights: W_h ~ N(0, gain²/H) (the gain sets the size of the recurrent weights), W_x ~ N(0, 1),
    /// W_o ~ N(0, 1/H), zero biases.
    init(hidden: Int, gain: Double, generator: inout SeededGenerator) {
        wx = Tensor.randomNormal([1, hidden], using: &generator)
        wh = Tensor.randomNormal([hidden, hidden], std: gain / Double(hidden).squareRoot(), using: &generator)
        b = Tensor.zeros([hidden])
        wo = Tensor.randomNormal([hidden, 1], std: 1 / Double(hidden).squareRoot(), using: &generator)
        bo = Tensor.zeros([1])
        for (tensor, name) in zip(parameters, Self.labels) {
            tensor.requiresGrad = true
            tensor.label = name
        }
    }

    /// The engine's forward pass over `sequences` ([B][T] numbers): the states h₁…h_T ([B, H] each, labelled
    /// `h1`…) and the prediction [B, 1]. Labels name every node of the unrolled graph.
    func forward(_ sequences: [[Double]]) -> (states: [Tensor<Double>], prediction: Tensor<Double>) {
        let batch = sequences.count, steps = sequences[0].count
        var h: Tensor<Double>? = nil  // h₀ = 0, so the first step needs no h·W_h term
        var states: [Tensor<Double>] = []
        for t in 0..<steps {
            let x = Tensor<Double>(shape: [batch, 1], scalars: sequences.map { $0[t] })
            x.label = "x\(t + 1)"
            var sum = x.matmul(wx)
            sum.label = "x\(t + 1)·W_x"
            if let h {
                let recurrent = h.matmul(wh)
                recurrent.label = "h\(t)·W_h"
                sum = sum + recurrent
            }
            let next = (sum + b).tanh()
            next.label = "h\(t + 1)"
            states.append(next)
            h = next
        }
        guard let h else { preconditionFailure("TinyRNN.forward: a sequence needs at least one step") }
        let prediction = h.matmul(wo) + bo
        prediction.label = "ŷ"
        return (states, prediction)
    }

    /// Mean squared error of the prediction against `targets` (one per sequence), as an engine tensor.
    func loss(_ sequences: [[Double]], targets: [Double]) -> (states: [Tensor<Double>], loss: Tensor<Double>) {
        let (states, prediction) = forward(sequences)
        let target = Tensor<Double>(shape: [targets.count, 1], scalars: targets)
        target.label = "y"
        let loss = prediction.mseLoss(target)
        loss.label = "L"
        return (states, loss)
    }

    /// One step of gradient descent on the mean squared error; with `clipNorm`, the whole gradient is first
    /// scaled down to that norm when it is longer. Returns the loss before the step.
    func step(_ sequences: [[Double]], targets: [Double], learningRate: Double, clipNorm: Double? = nil) -> Double {
        for p in parameters { p.zeroGrad() }
        let loss = self.loss(sequences, targets: targets).loss
        loss.backward()
        // Written as loops with explicit types: the one-line map/reduce took over 10 s to type-check (issue 14).
        // Same order of additions: each parameter's squares left to right, then the parameters in order.
        var squares: Double = 0
        for p in parameters {
            var sum: Double = 0
            for g in p.grad?.scalars ?? [] { sum += g * g }
            squares += sum
        }
        let norm = squares.squareRoot()
        let scale = clipNorm.map { norm > $0 ? $0 / norm : 1 } ?? 1
        for p in parameters {
            guard let g = p.grad else { continue }
            for i in 0..<p.count { p.storage.base[i] -= learningRate * scale * g.storage.base[i] }
        }
        return loss.item
    }

    /// An independent copy of the parameters (same values, fresh tensors).
    func copy() -> TinyRNN { TinyRNN(wx: wx.copy(), wh: wh.copy(), b: b.copy(), wo: wo.copy(), bo: bo.copy()) }

    private init(wx: Tensor<Double>, wh: Tensor<Double>, b: Tensor<Double>, wo: Tensor<Double>, bo: Tensor<Double>) {
        (self.wx, self.wh, self.b, self.wo, self.bo) = (wx, wh, b, wo, bo)
        for (tensor, name) in zip(parameters, Self.labels) {
            tensor.requiresGrad = true
            tensor.label = name
        }
    }

    /// Parameter labels: a W or b (with a subscript) is drawn as a parameter in the diagrams.
    static let labels = ["W_x", "W_h", "b", "W_o", "b_o"]

    /// All parameter values, flattened in the order of `parameters`.
    var flatParameters: [Double] { parameters.flatMap(\.scalars) }

    /// The same network computed with plain arrays (no engine): the loss at `flat` parameters, with
    /// `offset` added to the state h_step (1-based) after it is computed. Used for central differences,
    /// so the self-check does not trust the engine it checks.
    static func plainLoss(_ flat: [Double], hidden: Int, sequences: [[Double]], targets: [Double],
                          offset: (step: Int, vector: [Double])? = nil) -> Double {
        let n = hidden
        let wx = Array(flat[0..<n]), wh = Array(flat[n..<(n + n * n)])
        let b = Array(flat[(n + n * n)..<(2 * n + n * n)])
        let wo = Array(flat[(2 * n + n * n)..<(3 * n + n * n)]), bo = flat[3 * n + n * n]
        var total = 0.0
        for (sequence, target) in zip(sequences, targets) {
            var h = [Double](repeating: 0, count: n)
            for (t, x) in sequence.enumerated() {
                var next = [Double](repeating: 0, count: n)
                for j in 0..<n {
                    var s = x * wx[j] + b[j]
                    for i in 0..<n { s += h[i] * wh[i * n + j] }
                    next[j] = Foundation.tanh(s)
                }
                if let offset, offset.step == t + 1 { for j in 0..<n { next[j] += offset.vector[j] } }
                h = next
            }
            var y = bo
            for j in 0..<n { y += h[j] * wo[j] }
            total += (y - target) * (y - target)
        }
        return total / Double(targets.count)
    }

    /// Sequences of `steps` numbers uniform in [−1, 1], and the task's target for each: its first number.
    static func firstInputTask(count: Int, steps: Int, generator: inout SeededGenerator)
        -> (sequences: [[Double]], targets: [Double]) {
        let sequences = (0..<count).map { _ in (0..<steps).map { _ in 2 * generator.nextUnit() - 1 } }
        return (sequences, sequences.map { $0[0] })
    }
}
