import Datasets
import Foundation
import Groundwork
import NN
import TensorGrad

/// One learner's training playground: a small network from the NN module on 2-D data, trained step by step by
/// the chosen optimizer, with everything the page shows (boundary, curves, gradient health, a neuron's weights
/// and activation, a gradient check) computed here. Not thread-safe: one owner drives it (the server keeps each
/// session on its own serial queue).
public final class PlaygroundSession {
    /// The settings it was built from.
    public let settings: PlaygroundSettings
    /// The network: (Linear, activation[, Dropout]) per hidden layer, then a Linear to the class scores.
    public let model: Sequential
    /// Number of classes.
    public let classes: Int
    /// Points in generator coordinates and their labels, split into train and validation.
    public let train: PointSet, validation: PointSet
    /// Completed optimizer steps.
    public private(set) var step = 0
    /// Loss curves: a point every `curveEvery` steps and at every frame, thinned evenly past `maximumCurvePoints`.
    public var curve: [(step: Int, train: Double, validation: Double)] {
        curveHistory.points.map { ($0.step, $0.value.train, $0.value.validation) }
    }
    private(set) var curveHistory = EvenHistory<(train: Double, validation: Double)>(capacity: maximumCurvePoints)
    /// Gradient health of the latest step, one row per Linear layer.
    public private(set) var health: [LayerHealth] = []
    /// log₁₀ of each layer's gradient norm at each step, thinned evenly past `maximumCurvePoints`.
    public var healthHistory: [(step: Int, logNorms: [Double])] { healthPoints.points.map { ($0.step, $0.value) } }
    private var healthPoints = EvenHistory<[Double]>(capacity: maximumCurvePoints)
    /// The batch of the latest step (indices into `train`), the batch a gradient check uses.
    public private(set) var lastBatch: [Int] = []

    let optimizer: any Optimizer
    let linears: [(name: String, layer: Linear, activation: Int?)]
    var order: [Int] = [], cursor = 0
    var generator: SeededGenerator
    /// The network input of the boundary grid (the box never changes): built at -Onone from 14 400 point arrays,
    /// it took longer than the forward pass through it.
    var gridInput: (side: Int, tensor: Tensor<Float>)?

    /// Gradient health of one layer at one step: the `train --health` figures.
    public struct LayerHealth: Codable, Equatable, Sendable {
        /// `"layer 1"`… or `"output"`.
        public var layer: String
        /// ‖∂L/∂(weights, bias)‖ of the layer.
        public var gradientNorm: Double
        /// ‖Δparameters‖ / ‖parameters‖ of the step (healthy training sits near 1e-3).
        public var updateRatio: Double
        /// Share of the layer's ReLU units that output 0 for every example of the batch; nil without ReLU.
        public var deadReLUFraction: Double?
    }

    /// Builds the data and a freshly initialised network; throws `PlaygroundError` for settings out of range.
    public init(_ settings: PlaygroundSettings) throws {
        try settings.validate()
        self.settings = settings
        let all = settings.data()
        classes = Swift.max(all.classes, 2)
        let held = Swift.max(1, Int((Double(all.count) * settings.validationFraction).rounded()))
        validation = PointSet(points: Array(all.points[..<held]), labels: Array(all.labels[..<held]))
        train = PointSet(points: Array(all.points[held...]), labels: Array(all.labels[held...]))
        var g = SeededGenerator(seed: settings.seed &+ 101)
        let stream = RandomStream(seed: settings.seed &+ 202)
        var layers: [(name: String, module: any Module)] = []
        var linears: [(String, Linear, Int?)] = []
        var width = 2
        for (i, next) in settings.hidden.enumerated() {
            let linear = Linear(width, next, generator: &g)
            linears.append(("layer \(i + 1)", linear, layers.count + 1))
            layers.append(("fc\(i + 1)", linear))
            layers.append(("act\(i + 1)", settings.activationModule()))
            if settings.dropout > 0 { layers.append(("drop\(i + 1)", Dropout(Float(settings.dropout), stream: stream))) }
            width = next
        }
        let output = Linear(width, classes, generator: &g)
        linears.append(("output", output, nil))
        layers.append(("out", output))
        model = Sequential(layers)
        self.linears = linears
        optimizer = settings.makeOptimizer(model.namedParameters)
        generator = SeededGenerator(seed: settings.seed &+ 303)
        record()
    }

    /// The network input for points in generator coordinates: the first coordinate times `inputScale`.
    func input(_ points: [[Double]]) -> Tensor<Float> {
        let s = settings.inputScale
        return Tensor(shape: [points.count, 2], scalars: points.flatMap { [Float($0[0] * s), Float($0[1])] })
    }

    /// The loss of a batch: cross-entropy plus the L1 and L2 penalties on the weights (not the biases).
    func loss(_ logits: Tensor<Float>, _ labels: [Int]) -> Tensor<Float> {
        var loss = logits.crossEntropy(labels)
        let weights = linears.map(\.layer.weight)
        if settings.l1 > 0 { loss = loss + Penalty.l1(weights, strength: Float(settings.l1)) }
        if settings.l2 > 0 { loss = loss + Penalty.l2(weights, strength: Float(settings.l2)) }
        return loss
    }

    /// The next `batchSize` training indices, reshuffling at each epoch.
    func nextBatch() -> [Int] {
        var batch: [Int] = []
        while batch.count < Swift.min(settings.batchSize, train.count) {
            if cursor >= order.count {
                order = generator.permutation(of: train.count)
                cursor = 0
            }
            batch.append(order[cursor])
            cursor += 1
        }
        return batch
    }

    /// One optimizer step on the next batch; measures the layers' gradient health on the way.
    public func trainStep() {
        let batch = nextBatch()
        lastBatch = batch
        model.train()
        model.zeroGrad()
        var y = input(batch.map { train.points[$0] })
        var outputs: [Tensor<Float>] = []
        for layer in model.layers { y = layer.module.forward(y); outputs.append(y) }
        loss(y, batch.map { train.labels[$0] }).backward()
        let before = linears.map { $0.layer.parameters.map(\.scalars) }
        let norms = linears.map { Tensor.jointNorm($0.layer.parameters.map(\.grad)) }
        optimizer.step()
        health = zip(linears, zip(norms, before)).map { entry, measured in
            let (linear, (norm, old)) = (entry, measured)
            var delta = 0.0, size = 0.0
            for (p, previous) in zip(linear.layer.parameters, old) {
                let now = p.scalars
                for i in now.indices {
                    let d = Double(now[i]) - Double(previous[i])
                    delta += d * d
                    size += Double(now[i]) * Double(now[i])
                }
            }
            var dead: Double?
            if settings.activation == .relu, let index = linear.activation {
                dead = Self.deadFraction(outputs[index])
            }
            return LayerHealth(layer: linear.name, gradientNorm: norm,
                               updateRatio: size > 0 ? (delta / size).squareRoot() : 0, deadReLUFraction: dead)
        }
        step += 1
        if step % Self.curveEvery == 0 { record() }
        healthPoints.append(step: step, health.map { log10(Swift.max($0.gradientNorm, 1e-12)) })
    }

    /// Units whose output is 0 for every example of the batch (the definition `train --health` uses).
    static func deadFraction(_ output: Tensor<Float>) -> Double {
        let n = output.shape[0], units = output.count / Swift.max(n, 1)
        guard units > 0 else { return 0 }
        let v = output.scalars
        let dead = (0..<units).filter { u in !(0..<n).contains { v[$0 * units + u] > 0 } }.count
        return Double(dead) / Double(units)
    }

    /// Mean cross-entropy (no penalty) and accuracy of the network in evaluation mode on `set`.
    public func evaluate(_ set: PointSet) -> (loss: Double, accuracy: Double) {
        guard set.count > 0 else { return (0, 0) }
        model.eval()
        defer { model.train() }
        return withNoGrad {
            let logits = model.forward(input(set.points))
            let loss = Double(logits.crossEntropy(set.labels).item)
            let scores = logits.scalars
            var right = 0
            for i in 0..<set.count {
                let row = scores[(i * classes)..<((i + 1) * classes)]
                if row.firstIndex(of: row.max()!)! - i * classes == set.labels[i] { right += 1 }
            }
            return (loss, Double(right) / Double(set.count))
        }
    }

    /// Adds the current train and validation loss (and the health) to the curves and returns both evaluations.
    /// Long runs keep evenly spaced points so the curves stay at most `maximumCurvePoints` long (`EvenHistory`).
    @discardableResult
    public func record() -> (train: (loss: Double, accuracy: Double), validation: (loss: Double, accuracy: Double)) {
        let t = evaluate(train), v = evaluate(validation)
        curveHistory.append(step: step, (t.loss, v.loss))
        return (t, v)
    }

    /// Steps between the loss-curve points recorded while training (frames add one more each).
    public static let curveEvery = 10
    /// Longest curve kept.
    public static let maximumCurvePoints = 400

    /// The class probabilities for points in generator coordinates, row-major [points][classes].
    public func probabilities(_ points: [[Double]]) -> [Float] {
        probabilities(input(points))
    }

    /// The class probabilities for a network input, row-major [points][classes].
    func probabilities(_ input: Tensor<Float>) -> [Float] {
        model.eval()
        defer { model.train() }
        return withNoGrad { model.forward(input).softmax(axis: 1).scalars }
    }
}
