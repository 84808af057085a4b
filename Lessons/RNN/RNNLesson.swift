import Groundwork
import Datasets
import Foundation
import GradCheck
import Render
import TensorGrad

/// Recurrent networks: a tiny RNN learns to remember the first number of a sequence; its unrolled graph;
/// the gradient through time vanishing for small recurrent weights and exploding for large ones.
struct RNNLesson: Lesson {
    static let name = "rnn"
    static let summary: [Language: String] = [
        .en: "a tiny RNN remembers a number; its unrolled graph; gradients vanish or explode through time",
        .zh: "小 RNN 学会记住一个数；展开的计算图；梯度随时间消失或爆炸",
    ]

    func run(_ context: LessonContext) throws {
        var generator = SeededGenerator(seed: context.seed)
        try context.say("intro")
        try context.say("seed")

        // MARK: Training on "remember the first number"
        let hidden = 4, steps = 4, count = context.quick ? 32 : 64
        let trainSteps = context.quick ? 60 : 400, learningRate = 0.1
        let net = TinyRNN(hidden: hidden, gain: 0.5, generator: &generator)
        let task = TinyRNN.firstInputTask(count: count, steps: steps, generator: &generator)
        try context.say("model", [
            "hidden": "\(hidden)", "steps": "\(steps)", "count": "\(count)",
            "parameters": "\(net.parameters.map(\.count).reduce(0, +))",
        ])
        // Two copies of the same start: plain gradient descent, and gradient descent with the gradient
        // clipped to norm `clip` (section 4 explains the spikes the plain one meets).
        let clip = 1.0
        let plain = net.copy()
        var losses: [Double] = [], plainLosses: [Double] = []
        for _ in 0..<trainSteps {
            losses.append(net.step(task.sequences, targets: task.targets, learningRate: learningRate, clipNorm: clip))
            plainLosses.append(plain.step(task.sequences, targets: task.targets, learningRate: learningRate))
        }
        let finalLoss = withNoGrad { net.loss(task.sequences, targets: task.targets).loss.item }
        losses.append(finalLoss)
        plainLosses.append(withNoGrad { plain.loss(task.sequences, targets: task.targets).loss.item })
        let settled = trainSteps / 4
        let spike = zip(plainLosses.dropFirst(settled), plainLosses.dropFirst(settled - 1)).map { $0 - $1 }.max() ?? 0
        let mean = task.targets.reduce(0, +) / Double(count)
        let baseline = task.targets.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(count)
        let marks = Set(stride(from: 0, through: trainSteps, by: max(1, trainSteps / 8))).union([trainSteps]).sorted()
        let lossTable = Table(header: context.zh ? ["步", "损失 L"] : ["step", "loss L"],
                              rows: marks.map { ["\($0)", fmt(losses[$0])] }, alignments: [.right, .right]).renderedBlock()
        let predictions = withNoGrad { net.forward(Array(task.sequences.prefix(3))).prediction.scalars }
        let exampleRows = (0..<3).map { i in
            task.sequences[i].map { fmt($0, digits: 2) } + [fmt(task.targets[i], digits: 2), fmt(predictions[i], digits: 2)]
        }
        let exampleHeader = (1...steps).map { "x\($0)" } + (context.zh ? ["目标 y", "预测 ŷ"] : ["target y", "ŷ"])
        try context.write(LineChart(
            title: context.zh ? "RNN 训练：记住第一个数" : "RNN training: remember the first number",
            xLabel: context.zh ? "梯度下降步数" : "gradient-descent step", yLabel: context.zh ? "均方误差" : "mean squared error",
            series: [Series(context.zh ? "不裁剪" : "no clipping", x: plainLosses.indices.map(Double.init), y: plainLosses,
                            color: Palette.color(1)),
                     Series(context.zh ? "梯度裁剪到范数 \(fmt(clip, digits: 0))" : "gradient clipped to norm \(fmt(clip, digits: 0))",
                            x: losses.indices.map(Double.init), y: losses, color: Palette.color(0)),
                     Series(context.zh ? "总答均值时的损失" : "loss of always answering the mean",
                            x: [0, Double(trainSteps)], y: [baseline, baseline], dashed: true)]
        ), name: "rnn-loss")
        try context.say("training", [
            "train_steps": "\(trainSteps)", "lr": fmt(learningRate, digits: 2), "loss_table": lossTable,
            "loss_first": fmt(losses[0]), "loss_last": fmt(finalLoss), "baseline": fmt(baseline),
            "examples": indented(Table(header: exampleHeader, rows: exampleRows)),
            "loss_chart": "rnn-loss.png", "clip": fmt(clip, digits: 0), "spike": fmt(spike),
            "plain_last": fmt(plainLosses[trainSteps]), "settled": "\(settled)",
        ])

        // MARK: The unrolled graph of one short sequence
        let unroll = steps
        let example = [task.sequences[0]]
        let exampleTarget = [example[0][0]]
        for p in net.parameters { p.grad = nil }
        let traced = withTracing(.full) { net.loss(example, targets: exampleTarget) }
        traced.loss.backward()
        let trace = traced.loss.trace(title: context.zh ? "展开 \(unroll) 步的 RNN" : "RNN unrolled over \(unroll) steps")
        let groups = RNNDiagrams.timeSteps(trace, steps: unroll, language: context.language)
        try context.record(TraceDiagrams.write(trace, to: context.outputDirectory, command: context.command,
                                               language: context.language, groups: groups))
        let stateNorms = traced.states.map { state in Self.norm(state.grad?.scalars ?? []) }
        let schematic = RNNDiagrams.schematic(gradientNorms: stateNorms, loss: traced.loss.item, language: context.language)
        try context.record(DiagramFiles.write(dot: schematic, name: "rnn-unrolled", to: context.outputDirectory,
                                              title: context.zh ? "折叠与展开的 RNN" : "RNN rolled and unrolled",
                                              command: context.command))
        let flat = net.flatParameters
        let analytic = net.parameters.flatMap { $0.grad?.scalars ?? [] }
        let numeric = try ScalarGradCheck.compare(analytical: analytic, at: flat) {
            TinyRNN.plainLoss($0, hidden: hidden, sequences: example, targets: exampleTarget)
        }
        let named = Self.parameterNames(hidden: hidden)
        for index in [0, hidden, hidden + hidden * hidden - 1, hidden + hidden * hidden, 2 * hidden + hidden * hidden,
                      3 * hidden + hidden * hidden] {
            let entry = numeric.entries[index]
            context.check(name: "∂L/∂" + named[index], shown: entry.analytical, expected: entry.numerical)
        }
        let gradRows = [("W_x", net.wx), ("W_h", net.wh), ("b", net.b), ("W_o", net.wo)].map { name, tensor in
            [name, tensor.shape.description, fmt(tensor.grad.map { Self.norm($0.scalars) } ?? 0)]
        }
        try context.say("graph", [
            "unroll": "\(unroll)", "sequence": example[0].map { fmt($0, digits: 2) }.joined(separator: ", "),
            "graph": "graph.png", "backprop": "backprop.png", "nodes": "\(trace.nodes.count)",
            "schematic": "rnn-unrolled.png", "grouped": "\(groups.groupOf.count)",
            "loss": fmt(traced.loss.item),
            "grad_table": Table(header: context.zh ? ["参数", "形状", "‖梯度‖"] : ["parameter", "shape", "‖gradient‖"],
                                rows: gradRows, alignments: [.left, .left, .right]).renderedBlock(),
        ])

        // MARK: Gradients through time
        let bptt = try throughTime(context, generator: &generator)
        try context.say("bptt", bptt)
        try context.say("check")
    }

    /// ‖∂L/∂hₜ‖ for t = T…1 in a larger random RNN with a small and a large recurrent gain: table, chart, checks.
    private func throughTime(_ context: LessonContext, generator: inout SeededGenerator) throws -> [String: String] {
        let hidden = 16, steps = context.quick ? 16 : 30
        let gains = [0.5, 4.0]
        let task = TinyRNN.firstInputTask(count: 1, steps: steps, generator: &generator)
        var norms: [[Double]] = []
        for gain in gains {
            var netGenerator = generator.fork()
            let net = TinyRNN(hidden: hidden, gain: gain, generator: &netGenerator)
            let (states, loss) = net.loss(task.sequences, targets: task.targets)
            loss.backward()
            let perStep = states.map { Self.norm($0.grad?.scalars ?? []) }
            norms.append(perStep)
            // Independent: ∂L/∂hₜ by central differences of an offset added to hₜ, in plain arrays.
            let flat = net.flatParameters
            // The offset is s·v with s = 0.01, so GradCheck's step of 1e-6 in v is 1e-8 in hₜ: in the
            // chaotic (large-gain) regime the loss bends sharply, and the O(ε²) error of a 1e-6 step in hₜ
            // itself would be near the tolerance. Rounding error stays ~1e-16/1e-8, far below it.
            let s = 0.01
            for t in [steps, gain < 1 ? steps - 3 : 1] {
                let zero = [Double](repeating: 0, count: hidden)
                let scaled = states[t - 1].grad!.scalars.map { $0 * s }
                let report = try ScalarGradCheck.compare(analytical: scaled, at: zero) { v in
                    TinyRNN.plainLoss(flat, hidden: hidden, sequences: task.sequences, targets: task.targets,
                                      offset: (t, v.map { $0 * s }))
                }
                context.check(name: "‖∂L/∂h\(t)‖ (gain \(fmt(gain, digits: 1)))",
                              shown: perStep[t - 1], expected: Self.norm(report.entries.map(\.numerical)) / s)
            }
        }
        let shownSteps = Array(Set(stride(from: steps, through: 1, by: -3)).union([1])).sorted(by: >)
        let rows = shownSteps.map { t in ["\(t)", Self.sci(norms[0][t - 1]), Self.sci(norms[1][t - 1])] }
        let gainNames = gains.map { (context.zh ? "增益 " : "gain ") + fmt($0, digits: 1) }
        let table = Table(header: ["t"] + gainNames.map { "‖∂L/∂hₜ‖ " + $0 }, rows: rows,
                          alignments: [.right, .right, .right]).renderedBlock()
        let logs = norms.map { $0.map { Foundation.log10($0) } }
        try context.write(LineChart(
            title: context.zh ? "梯度随时间反向传播：消失与爆炸" : "Gradient through time: vanishing and exploding",
            xLabel: context.zh ? "时间步 t" : "time step t", yLabel: "log₁₀ ‖∂L/∂hₜ‖",
            series: zip(gainNames, logs).map { name, y in
                Series(name, x: (1...steps).map(Double.init), y: y, markers: true)
            }
        ), name: "rnn-gradient-norms")
        let ratio = { (n: [Double]) in n[0] / n[steps - 1] }
        return [
            "hidden": "\(hidden)", "steps": "\(steps)", "small": fmt(gains[0], digits: 1),
            "large": fmt(gains[1], digits: 1), "table": table, "chart": "rnn-gradient-norms.png",
            "small_ratio": Self.sci(ratio(norms[0])), "large_ratio": Self.sci(ratio(norms[1])),
            // The chart runs t left to right, the backward pass right to left: say which way each curve goes.
            "small_trend": Self.trend(ratio(norms[0]), zh: context.zh),
            "large_trend": Self.trend(ratio(norms[1]), zh: context.zh),
            "small_factor": fmt(Foundation.pow(ratio(norms[0]), 1 / Double(steps - 1)), digits: 3),
            "large_factor": fmt(Foundation.pow(ratio(norms[1]), 1 / Double(steps - 1)), digits: 3),
        ]
    }

    /// `W_x[0,1]`-style names of every flattened parameter.
    static func parameterNames(hidden n: Int) -> [String] {
        (0..<n).map { "W_x[0,\($0)]" } + (0..<(n * n)).map { "W_h[\($0 / n),\($0 % n)]" }
            + (0..<n).map { "b[\($0)]" } + (0..<n).map { "W_o[\($0),0]" } + ["b_o"]
    }

    static func norm(_ v: [Double]) -> Double { v.map { $0 * $0 }.reduce(0, +).squareRoot() }

    /// Scientific notation for values spanning many orders of magnitude (`3.1e-05`).
    static func sci(_ x: Double) -> String { String(format: "%.2e", x) }

    /// How a curve of log ‖∂L/∂hₜ‖ over t looks read left to right, given ‖∂L/∂h₁‖ / ‖∂L/∂h_T‖.
    static func trend(_ firstOverLast: Double, zh: Bool) -> String {
        if firstOverLast < 1 { return zh ? "从左往右上升" : "rises from left to right" }
        if firstOverLast > 1 { return zh ? "从左往右下降" : "falls from left to right" }
        return zh ? "是平的" : "is flat"
    }
}
