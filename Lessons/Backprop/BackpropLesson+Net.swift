import Groundwork
import Datasets
import GradCheck
import Render
import ScalarGrad

/// Section 4 of the backprop lesson: a 2-4-1 tanh network scores a few moons points, backpropagation reaches
/// every parameter, and one SGD step lowers the mean squared error.
struct TwoLayerStep {
    static let points = 4
    static let hidden = 4
    static let learningRate = 0.1
    static let shownGradients = 6

    /// Placeholder values for the lesson text.
    var placeholders: [String: String] = [:]
    /// Gradient checks of every gradient shown.
    var checks: [SelfCheckRow] = []

    init(seed: UInt64, language: Language) throws {
        let zh = language == .zh
        let data = Synthetic.moons(count: 40, noise: 0.1, seed: seed)
        let xs = Array(data.points.prefix(Self.points))
        let ys = Array(data.signedLabels.prefix(Self.points))
        var generator = SeededGenerator(seed: seed &+ 1)
        let model = MLP(inputs: 2, layers: [Self.hidden, 1], nonlinearity: .tanh, using: &generator)
        let names = Self.parameterNames(hidden: Self.hidden)
        let start = model.parameters.map(\.data)

        let (loss, scores) = Self.loss(model, xs, ys)
        loss.backward()
        let grads = model.parameters.map(\.grad)

        // Independent check, at the same parameters, before the update.
        let report = try ScalarGradCheck.check(names: names, at: start) { leaves in
            Self.loss(MLP(inputs: 2, layers: [Self.hidden, 1], nonlinearity: .tanh, parameters: leaves), xs, ys).0
        }
        let shown = grads.indices.sorted { abs(grads[$0]) > abs(grads[$1]) }.prefix(Self.shownGradients)
        checks = shown.map { i in
            SelfCheckRow(name: "∂L/∂" + names[i], shown: grads[i], expected: report.entries[i].numerical)
        }

        model.step(learningRate: Self.learningRate)
        let after = Self.loss(model, xs, ys).0.data
        let squared = grads.map { $0 * $0 }.reduce(0, +)

        let pointRows = xs.indices.map { i -> [String] in
            [fmt(xs[i][0]), fmt(xs[i][1]), fmt(ys[i]), fmt(scores[i].data), fmt((scores[i].data - ys[i]) * (scores[i].data - ys[i]))]
        }
        let gradRows = shown.map { i in [names[i], fmt(start[i]), fmt(grads[i]), fmt(start[i] - Self.learningRate * grads[i])] }
        placeholders = [
            "net_shape": "2-\(Self.hidden)-1",
            "net_points": "\(Self.points)",
            "net_points_table": Table(
                header: ["x1", "x2", zh ? "标签 y" : "label y", zh ? "得分 s" : "score s", "(s − y)²"],
                rows: pointRows, alignments: [.right, .right, .right, .right, .right]).render(),
            "loss_before": fmt(loss.data),
            "net_parameters": "\(names.count)",
            "net_grad_table": Table(
                header: zh ? ["参数", "当前值", "梯度 ∂L/∂p", "更新后 p − η·∂L/∂p"]
                           : ["parameter", "value", "gradient ∂L/∂p", "after p − η·∂L/∂p"],
                rows: gradRows, alignments: [.left, .right, .right, .right]).render()
                + (zh ? "\n（h2.w1 表示隐藏层第 2 个神经元的第 1 个权重，out 是输出神经元。）"
                      : "\n(h2.w1 is the first weight of hidden neuron 2; out is the output neuron.)"),
            "lr": fmt(Self.learningRate),
            "loss_after": fmt(after),
            "loss_drop": fmt(loss.data - after),
            "predicted_drop": fmt(Self.learningRate * squared),
        ]
    }

    /// Mean squared error of the network's scores against the ±1 labels, with the scores.
    static func loss(_ model: MLP, _ xs: [[Double]], _ ys: [Double]) -> (Value, [Value]) {
        let scores = xs.map { model($0)[0] }
        let errors = zip(scores, ys).map { score, y in (score - y).pow(2) }
        return (Value.sum(errors) * (1 / Double(errors.count)), scores)
    }

    /// `h1.w1 … h1.b, h2.w1 …, out.w1 … out.b`, in `MLP.parameters` order.
    static func parameterNames(hidden: Int) -> [String] {
        (1...hidden).flatMap { j in ["h\(j).w1", "h\(j).w2", "h\(j).b"] }
            + (1...hidden).map { "out.w\($0)" } + ["out.b"]
    }
}
