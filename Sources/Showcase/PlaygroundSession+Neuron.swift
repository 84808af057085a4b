import Foundation
import NN
import TensorGrad

/// A clicked neuron: its incoming weights and their gradients, and the check of one of those gradients.
extension PlaygroundSession {
    /// A neuron's incoming weights and the gradients the latest step used.
    public struct NeuronDetail: Codable, Equatable, Sendable {
        /// Layer number from 1 (the last is the output layer) and unit from 0.
        public var layer: Int, unit: Int
        /// The step the gradients belong to (0: no step yet, all gradients 0).
        public var step: Int
        /// w[unit, i] for each input i of the layer.
        public var weights: [Double]
        /// ∂L/∂w[unit, i] at the latest step (loss with its L1/L2 terms, dropout as drawn).
        public var gradients: [Double]
        /// The bias and its gradient.
        public var bias: Double, biasGradient: Double
    }

    /// Neuron `unit` of layer `layer` (1-based).
    public func neuron(layer: Int, unit: Int) throws -> NeuronDetail {
        let linear = linears[try linearIndex(layer: layer, unit: unit)].layer
        let n = linear.inFeatures
        let w = linear.weight.scalars, g = linear.weight.grad?.scalars ?? []
        let b = linear.bias?.scalars ?? [], gb = linear.bias?.grad?.scalars ?? []
        return NeuronDetail(layer: layer, unit: unit, step: step,
                            weights: (0..<n).map { Double(w[unit * n + $0]) },
                            gradients: (0..<n).map { g.isEmpty ? 0 : Double(g[unit * n + $0]) },
                            bias: b.isEmpty ? 0 : Double(b[unit]), biasGradient: gb.isEmpty ? 0 : Double(gb[unit]))
    }

    /// A gradient check of one weight: backprop's value beside a central difference.
    public struct GradientCheck: Codable, Equatable, Sendable {
        /// Which weight: w[unit, input] of layer `layer`.
        public var layer: Int, unit: Int, input: Int
        /// Examples in the batch the loss is taken over (the latest step's batch).
        public var batch: Int
        /// ∂L/∂w by backprop (the Float engine that trains the network).
        public var backprop: Double
        /// (L(w + ε) − L(w − ε)) / 2ε with the network copied to Double.
        public var centralDifference: Double
        /// ε.
        public var epsilon: Double
        /// |backprop − central| / max(|backprop|, |central|, 1e-8).
        public var relativeError: Double
        /// Whether the relative error is below 1e-3 (Float backprop against a Double difference).
        public var passed: Bool
    }

    /// Checks ∂L/∂w[unit, input] of layer `layer` on the latest step's batch (the first batch when no step was
    /// taken). Dropout is switched off for both sides so the two losses are the same function; the L1/L2 terms
    /// are included. The difference is taken in Double through the same TensorGrad ops.
    public func checkGradient(layer: Int, unit: Int, input index: Int) throws -> GradientCheck {
        let target = try linearIndex(layer: layer, unit: unit)
        let inputs = linears[target].layer.inFeatures
        guard (0..<inputs).contains(index) else {
            throw PlaygroundError.noSuchNeuron(layer: layer, unit: unit,
                                               expected: "an input index from 0 to \(inputs - 1)")
        }
        let batch = lastBatch.isEmpty ? Array(0..<Swift.min(settings.batchSize, train.count)) : lastBatch
        let points = batch.map { train.points[$0] }, labels = batch.map { train.labels[$0] }
        // Backprop in Float, evaluation mode (no dropout), on a copy of the gradients so training is untouched.
        let saved = model.parameters.map { $0.grad?.scalars }
        model.eval()
        model.zeroGrad()
        loss(model.forward(input(points)), labels).backward()
        let flat = unit * inputs + index
        let backprop = Double(linears[target].layer.weight.grad?.scalars[flat] ?? 0)
        for (p, g) in zip(model.parameters, saved) {
            if let g { p.grad = Tensor(shape: p.shape, scalars: g) } else { p.grad = nil }
        }
        model.train()
        // Central difference in Double.
        let weights = linears.map { ($0.layer.weight.scalars.map(Double.init), $0.layer.bias?.scalars.map(Double.init)) }
        let x = Tensor<Double>(shape: [points.count, 2],
                               scalars: points.flatMap { [$0[0] * settings.inputScale, $0[1]] })
        func lossAt(_ shift: Double) -> Double {
            var h = x
            for (i, entry) in linears.enumerated() {
                var w = weights[i].0
                if i == target { w[flat] += shift }
                let weight = Tensor<Double>(shape: [entry.layer.outFeatures, entry.layer.inFeatures], scalars: w)
                let bias = weights[i].1.map { Tensor<Double>(shape: [entry.layer.outFeatures], scalars: $0) }
                h = h.linear(weight: weight, bias: bias)
                if entry.activation != nil { h = activate(h) }
            }
            var total = h.crossEntropy(labels).item
            let all = weights.enumerated().map { i, entry in i == target
                ? entry.0.enumerated().map { $0.offset == flat ? $0.element + shift : $0.element } : entry.0 }
            if settings.l1 > 0 { total += settings.l1 * all.joined().reduce(0) { $0 + Swift.abs($1) } }
            if settings.l2 > 0 { total += settings.l2 * all.joined().reduce(0) { $0 + $1 * $1 } }
            return total
        }
        let epsilon = 1e-6
        let central = withNoGrad { (lossAt(epsilon) - lossAt(-epsilon)) / (2 * epsilon) }
        let error = Swift.abs(backprop - central) / Swift.max(Swift.abs(backprop), Swift.abs(central), 1e-8)
        return GradientCheck(layer: layer, unit: unit, input: index, batch: batch.count, backprop: backprop,
                             centralDifference: central, epsilon: epsilon, relativeError: error,
                             passed: error < 1e-3 || Swift.abs(backprop - central) < 1e-6)
    }

    /// The hidden activation in Double, the same op the Float network uses.
    func activate(_ h: Tensor<Double>) -> Tensor<Double> {
        switch settings.activation {
        case .tanh: return h.tanh()
        case .relu: return h.relu()
        case .sigmoid: return h.sigmoid()
        case .leakyRelu: return h.leakyRelu(slope: 0.01)
        }
    }
}
