import Groundwork
import Datasets
import Foundation
import GradCheck
import Render
import ScalarGrad

/// Section 5 of the backprop lesson: micrograd's moons demo (MLP 2-16-16-1, max-margin loss + L2, SGD with a
/// decaying learning rate) and the decision boundary it learns.
struct MoonsTraining {
    let data: PointSet
    let model: MLP
    let steps: Int
    let losses: [Double]
    /// The learning rate of each step (micrograd's linear decay).
    let learningRates: [Double]
    /// The L2 penalty's weight α.
    let alpha: Double
    let accuracy: Double
    let checks: [SelfCheckRow]

    init(seed: UInt64, quick: Bool) throws {
        data = Synthetic.moons(count: quick ? 40 : 100, noise: 0.1, seed: seed)
        steps = quick ? 15 : 100
        var generator = SeededGenerator(seed: seed &+ 2)
        model = MLP(inputs: 2, layers: [16, 16, 1], nonlinearity: .relu, using: &generator)
        var demo = MicrogradDemo(points: data.points, labels: data.labels)
        demo.steps = steps
        var losses: [Double] = []
        learningRates = (0..<steps).map { demo.learningRate(step: $0) }
        alpha = demo.alpha
        for k in 0..<steps {
            let (total, _) = demo.loss(of: model)
            losses.append(total.data)
            model.zeroGrad()
            total.backward()
            model.step(learningRate: demo.learningRate(step: k))
        }
        let (final, scores) = demo.loss(of: model)
        losses.append(final.data)
        self.losses = losses
        accuracy = ScalarLoss.accuracy(scores: scores, labels: demo.labels)

        // The gradient the last step would use, checked on a few parameters of the trained net (the loss has
        // relu kinks; the check stays away from them because no margin sits exactly at 1 for these points).
        model.zeroGrad()
        final.backward()
        let model = self.model
        let picked = [0, 1, 2, model.parameters.count - 1]
        let start = model.parameters.map(\.data)
        let report = try ScalarGradCheck.compare(
            names: picked.map { "p\($0)" }, analytical: picked.map { model.parameters[$0].grad },
            at: picked.map { start[$0] }
        ) { values in
            let leaves = start.map { Value($0) }
            for (index, value) in zip(picked, values) { leaves[index].data = value }
            let copy = MLP(inputs: 2, layers: [16, 16, 1], nonlinearity: .relu, parameters: leaves)
            return demo.loss(of: copy).total.data
        }
        checks = report.entries.map {
            SelfCheckRow(name: "moons ∂L/∂" + $0.name, shown: $0.analytical, expected: $0.numerical)
        }
    }

    /// The network's score for one point, computed on plain numbers (no graph) for the background grid.
    func score(_ x: Double, _ y: Double) -> Double {
        var activations = [x, y]
        for layer in model.layers {
            activations = layer.neurons.map { neuron in
                let z = zip(neuron.weights, activations).reduce(neuron.bias.data) { $0 + $1.0.data * $1.1 }
                switch neuron.nonlinearity {
                case .relu: return max(0, z)
                case .tanh: return Foundation.tanh(z)
                case .linear: return z
                }
            }
        }
        return activations[0]
    }

    /// `moons.png` / `moons.svg`: the points over the regions the network assigns to each class.
    func writePlot(to directory: String, command: String, language: Language) throws -> [String] {
        let zh = language == .zh
        let title = zh ? "双月数据：训练 \(steps) 步后的决策边界（准确率 \(Int((accuracy * 100).rounded())) %）"
                       : "Moons: decision boundary after \(steps) steps (accuracy \(Int((accuracy * 100).rounded())) %)"
        var plot = DecisionBoundaryPlot(
            title: title, x: data.xs, y: data.ys, labels: data.labels,
            classNames: zh ? ["类别 0（外侧月牙）", "类别 1（内侧月牙）"] : ["class 0 (outer moon)", "class 1 (inner moon)"],
            resolution: 120) { x, y in 1 / (1 + Foundation.exp(-2 * self.score(x, y))) }
        // Hinge-trained scores are not log-odds: σ(2·score) only shades the regions, it is not a probability.
        plot.boundaryLabel = zh ? "边界：得分 = 0" : "boundary: score = 0"
        plot.barLabel = zh ? "σ(2·得分)：把得分压到 0…1，不是概率" : "σ(2·score): the score squashed into 0…1, not a probability"
        return try plot.write(to: directory, name: "moons", command: command)
    }
}
